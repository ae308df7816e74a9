package dev.twelvefactor.gateway.observability;

import io.micrometer.common.KeyValue;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tags on the span of the request an exchange answers: what the gateway decided for it (a
 * fallback and why) is then in the trace, not only in a log line. High cardinality: for
 * the span only, never a metric's label.
 */
public final class RequestTags {

	private RequestTags() {
	}

	public static void add(ServerWebExchange exchange, String key, String value) {
		ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.ifPresent((context) -> context.addHighCardinalityKeyValue(KeyValue.of(key, value)));
	}

}
