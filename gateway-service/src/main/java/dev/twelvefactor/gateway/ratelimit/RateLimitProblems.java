package dev.twelvefactor.gateway.ratelimit;

import java.time.Duration;

import dev.twelvefactor.gateway.problem.ProblemResponses;
import dev.twelvefactor.support.problem.Problem;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.Bucket4jRateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Gives the RequestRateLimiter filter's refusal a problem+json body. The filter answers
 * 429 by completing the response empty ({@code setComplete()}), and offers no hook for a
 * body; this runs before every route filter and hands the chain a response whose
 * {@code setComplete()} writes the problem instead when the status is 429. A proxied
 * answer is written with {@code writeWith}, so a service's own 429 passes as it is. The
 * filter has set Retry-After already ({@link RetryAfterRateLimiter}).
 */
@Component
class RateLimitProblems implements GlobalFilter, Ordered {

	private final ProblemResponses problems;

	private final Bucket4jRateLimiter limiter;

	RateLimitProblems(ProblemResponses problems, Bucket4jRateLimiter limiter) {
		this.problems = problems;
		this.limiter = limiter;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
			@Override
			public Mono<Void> setComplete() {
				if (HttpStatus.TOO_MANY_REQUESTS.equals(getStatusCode()) && !isCommitted()) {
					return problems.write(problem(exchange), exchange);
				}
				return super.setComplete();
			}
		};
		return chain.filter(exchange.mutate().response(response).build());
	}

	private Problem problem(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		Bucket4jRateLimiter.Config limits = (route != null) ? limiter.getConfig().get(route.getId()) : null;
		String detail = "This client sent more requests than the gateway accepts"
				+ ((limits != null && limits.getRefillPeriod() != null) ? " on this route (" + describe(limits) + ")"
						: "")
				+ ". Try again after the Retry-After delay.";
		return ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail,
				exchange.getRequest().getPath().value());
	}

	private static String describe(Bucket4jRateLimiter.Config limits) {
		long tokens = (limits.getRefillTokens() != null) ? limits.getRefillTokens() : limits.getCapacity();
		Duration period = limits.getRefillPeriod();
		String per = (period.toMillisPart() == 0) ? period.toSeconds() + " s" : period.toMillis() + " ms";
		return tokens / limits.getRequestedTokens() + " requests per " + per + ", bursts of up to "
				+ limits.getCapacity() / limits.getRequestedTokens();
	}

	/** Before every route filter (those are ordered 1, 2, ... as listed). */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
