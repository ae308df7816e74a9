package dev.twelvefactor.gateway.ratelimit;

import dev.twelvefactor.gateway.observability.GatewayRefusals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.Bucket4jRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Spring Cloud Gateway's {@link Bucket4jRateLimiter} (configured by the
 * RequestRateLimiter filter's {@code bucket4j-rate-limiter.*} arguments), with three
 * changes:
 * <ul>
 * <li>a refused request's answer carries {@code Retry-After}: the whole seconds (at least
 * one) until the bucket has the tokens again, from Bucket4j's own estimate;</li>
 * <li>one bucket per client and route, so that each route's own limits apply (the
 * original keeps one bucket per client, configured by whichever route created it);</li>
 * <li>refusals are counted with the gateway's other refusals,
 * {@code gateway_refusals_total{route, status="429"}}.</li>
 * </ul>
 */
public class RetryAfterRateLimiter extends Bucket4jRateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RetryAfterRateLimiter.class);

	private static final long ONE_SECOND = Duration.ofSeconds(1).toNanos();

	private final AsyncProxyManager<String> buckets;

	private final GatewayRefusals refusals;

	public RetryAfterRateLimiter(AsyncProxyManager<String> buckets, ConfigurationService configurationService,
			GatewayRefusals refusals) {
		super(buckets, configurationService);
		this.buckets = buckets;
		this.refusals = refusals;
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		Config config = loadRouteConfiguration(routeId);
		return Mono
			.fromFuture(() -> buckets.builder()
				.build(routeId + " " + id, config.getConfigurationSupplier())
				.tryConsumeAndReturnRemaining(config.getRequestedTokens()))
			// As the original: a bucket that cannot be read refuses (a local cache hardly
			// fails; should it, the gateway keeps protecting the services).
			.onErrorResume((failure) -> {
				log.warn("Rate limit bucket of route {} failed; refusing the request", routeId, failure);
				return Mono.just(ConsumptionProbe.rejected(0, ONE_SECOND, ONE_SECOND));
			})
			.map((probe) -> response(routeId, config, probe));
	}

	private Response response(String routeId, Config config, ConsumptionProbe probe) {
		Map<String, String> headers = new HashMap<>(getHeaders(config, Math.max(0, probe.getRemainingTokens())));
		if (!probe.isConsumed()) {
			headers.put(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(probe.getNanosToWaitForRefill())));
			refusals.count(routeId, HttpStatus.TOO_MANY_REQUESTS);
		}
		return new Response(probe.isConsumed(), headers);
	}

	/** Rounded up: a client that waits this long finds the tokens there. */
	static long retryAfterSeconds(long nanosToWait) {
		long seconds = nanosToWait / ONE_SECOND + ((nanosToWait % ONE_SECOND > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

}
