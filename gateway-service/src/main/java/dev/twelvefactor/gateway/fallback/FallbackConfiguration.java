package dev.twelvefactor.gateway.fallback;

import dev.twelvefactor.gateway.problem.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Where a route's circuit breaker forwards a failed request. Answers every HTTP method (a fallback that only
 * accepts one method turns an outage into 405s) with a problem+json error that says what happened: 504 when the
 * service did not answer in time, else 503 with Retry-After. Never 200: the failure stays visible to clients and
 * in the metrics.
 */
@Configuration(proxyBeanMethods = false)
class FallbackConfiguration {

    static final String RETRY_AFTER_SECONDS = "5";

    @Bean
    RouterFunction<ServerResponse> circuitBreakerFallback(MeterRegistry registry) {
        return RouterFunctions.route(RequestPredicates.path("/fallback"), request -> fallback(request, registry));
    }

    /** Also counts each fallback answer as {@code gateway_fallbacks_total{route, reason}}. */
    private static Mono<ServerResponse> fallback(ServerRequest request, MeterRegistry registry) {
        Throwable failure = request.exchange().getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        Route route = request.exchange().getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (failure == null || route == null) {
            // Reached directly, not forwarded by a circuit breaker: there is nothing here.
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        String service = route.getId();
        registry.counter("gateway.fallbacks", "route", service, "reason", reason(failure)).increment();
        if (timedOut(failure)) {
            ProblemDetail problem = problem(request, HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout",
                    service + " did not answer in time.");
            return ProblemResponses.responseFor(problem).bodyValue(problem);
        }
        String why = failure instanceof CallNotPermittedException
                ? "its circuit breaker is open after repeated failures"
                : "no instance could be reached";
        ProblemDetail problem = problem(request, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                service + " is unavailable: " + why + ". Try again in a few seconds.");
        return ProblemResponses.responseFor(problem).header("Retry-After", RETRY_AFTER_SECONDS).bodyValue(problem);
    }

    private static String reason(Throwable failure) {
        if (timedOut(failure)) {
            return "timeout";
        }
        return failure instanceof CallNotPermittedException ? "circuit_open" : "unreachable";
    }

    private static boolean timedOut(Throwable failure) {
        return failure instanceof TimeoutException
                || failure instanceof ResponseStatusException status && status.getStatusCode().isSameCodeAs(HttpStatus.GATEWAY_TIMEOUT);
    }

    /** The problem's instance is the path the client asked for, not the internal forward to /fallback. */
    private static ProblemDetail problem(ServerRequest request, HttpStatus status, String title, String detail) {
        Set<URI> original = request.exchange().getAttributeOrDefault(
                ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR, Set.of());
        String path = original.stream().findFirst().map(URI::getRawPath).orElse(request.path());
        return ProblemResponses.problem(status, title, detail, path);
    }
}
