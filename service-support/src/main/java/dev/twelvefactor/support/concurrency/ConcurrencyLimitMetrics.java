package dev.twelvefactor.support.concurrency;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The limit's meters, for the Gateway &amp; resilience dashboard:
 * {@code http_server_concurrency_limit} and {@code http_server_concurrency_inflight}
 * (gauges: when in-flight sits at the limit, the instance is refusing), and
 * {@code http_server_concurrency_refusals_total}. No tags of their own: one limit per
 * instance, named by the common tags.
 */
class ConcurrencyLimitMetrics implements MeterBinder {

	private final ConcurrencyLimitFilter filter;

	ConcurrencyLimitMetrics(ConcurrencyLimitFilter filter) {
		this.filter = filter;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("http.server.concurrency.limit", filter, ConcurrencyLimitFilter::limit)
			.description("Requests the instance works on at once before it refuses more (adaptive)")
			.register(registry);
		Gauge.builder("http.server.concurrency.inflight", filter, ConcurrencyLimitFilter::inflight)
			.description("Requests holding a place under the concurrency limit")
			.register(registry);
		FunctionCounter.builder("http.server.concurrency.refusals", filter, ConcurrencyLimitFilter::refusals)
			.description("Requests refused with 503 because the instance was at its concurrency limit")
			.register(registry);
	}

}
