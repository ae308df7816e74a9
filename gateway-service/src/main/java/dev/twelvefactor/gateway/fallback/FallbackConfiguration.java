package dev.twelvefactor.gateway.fallback;

import dev.twelvefactor.gateway.observability.RequestTags;
import dev.twelvefactor.gateway.observability.TraceIds;
import dev.twelvefactor.gateway.problem.ProblemResponses;
import dev.twelvefactor.support.problem.Problem;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Where a route's circuit breaker forwards a failed request. Answers every HTTP method (a
 * fallback that only accepts one method turns an outage into 405s) with a problem+json
 * error that says what happened: 504 when the service did not answer in time, else 503
 * with Retry-After. Never 200: the failure stays visible to clients and in the metrics.
 */
@Configuration(proxyBeanMethods = false)
class FallbackConfiguration {

	/** Open breaker: about its wait in the open state. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	/**
	 * An instance refused or dropped the connection: it is left out already, another one
	 * can answer at once.
	 */
	static final Duration RETRY_AFTER_UNREACHABLE = Duration.ofSeconds(1);

	/** The span tag naming why the gateway answered for the route's service. */
	public static final String FALLBACK_TAG = "gateway.fallback";

	/** The span tag naming the route the request took. */
	public static final String ROUTE_TAG = "gateway.route";

	private static final Logger log = LoggerFactory.getLogger(FallbackConfiguration.class);

	@Bean
	ClientPath clientPath() {
		return new ClientPath();
	}

	@Bean
	RouterFunction<ServerResponse> circuitBreakerFallback(MeterRegistry registry) {
		return RouterFunctions.route(RequestPredicates.path("/fallback"), request -> fallback(request, registry));
	}

	/**
	 * Also counts each fallback answer as {@code gateway_fallbacks_total{route, reason}}.
	 */
	private static Mono<ServerResponse> fallback(ServerRequest request, MeterRegistry registry) {
		Throwable failure = request.exchange()
			.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		Route route = request.exchange().getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (failure == null || route == null) {
			// Reached directly, not forwarded by a circuit breaker: there is nothing
			// here.
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		String service = route.getId();
		registry.counter("gateway.fallbacks", "route", service, "reason", reason(failure)).increment();
		RequestTags.add(request.exchange(), FALLBACK_TAG, reason(failure));
		RequestTags.add(request.exchange(), ROUTE_TAG, service);
		TraceIds.log(request.exchange(), () -> log.warn("Fallback for {} {} on route {}: {}", request.method(),
				originalPath(request), service, failure.toString()));
		if (timedOut(failure)) {
			return ProblemResponses.respond(problem(request, HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout",
					service + " did not answer in time."));
		}
		boolean open = failure instanceof CallNotPermittedException;
		String why = open ? "its circuit breaker is open after repeated failures"
				: failure instanceof BulkheadFullException ? "too many requests to it are in flight"
						: "no instance could be reached";
		return ProblemResponses.respond(problem(request, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
				service + " is unavailable: " + why + ". Try again in a few seconds.")
			.retryAfter(open ? RETRY_AFTER : RETRY_AFTER_UNREACHABLE));
	}

	private static String reason(Throwable failure) {
		if (timedOut(failure)) {
			return "timeout";
		}
		if (failure instanceof BulkheadFullException) {
			return "bulkhead_full";
		}
		return failure instanceof CallNotPermittedException ? "circuit_open" : "unreachable";
	}

	private static boolean timedOut(Throwable failure) {
		return failure instanceof TimeoutException || failure instanceof ResponseStatusException status
				&& status.getStatusCode().isSameCodeAs(HttpStatus.GATEWAY_TIMEOUT);
	}

	/**
	 * The problem's instance is the path the client asked for, not the internal forward
	 * to /fallback.
	 */
	private static Problem problem(ServerRequest request, HttpStatus status, String title, String detail) {
		return ProblemResponses.traced(ProblemResponses.problem(status, title, detail, originalPath(request)),
				request.exchange());
	}

	private static String originalPath(ServerRequest request) {
		return request.exchange().getAttributeOrDefault(ClientPath.ATTRIBUTE, request.path());
	}

}
