package dev.twelvefactor.gateway.overload;

import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.twelvefactor.gateway.observability.GatewayRefusals;
import dev.twelvefactor.gateway.problem.ProblemResponses;
import dev.twelvefactor.support.concurrency.AdaptiveLimiter;
import dev.twelvefactor.support.concurrency.ConcurrencyLimitProperties;
import dev.twelvefactor.support.concurrency.Outcome;
import dev.twelvefactor.support.concurrency.Permit;
import dev.twelvefactor.support.problem.Problem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * An adaptive concurrency limit per route, the same limiter as every servlet service's
 * (service-support's {@link AdaptiveLimiter}, {@code platform.concurrency-limit.*}, here
 * per route): when a route's service, or the gateway itself, is saturated, the excess is
 * refused at once with 503 problem+json and {@code Retry-After: 1} instead of waiting in
 * a queue into the response timeout. The limit follows the route's latency, and backs off
 * when the service answers 502-504 or does not answer in time ({@link Outcome}); the
 * services' own limits refuse with 503, which the gateway's limit then follows, so excess
 * is turned away here before it costs a forward.
 * <p>
 * Its floor is {@code min-limit} for every instance of the route's service in the
 * discovery client's local copy of the registry: the instances' own limits hold at least
 * that many each, so the gateway never refuses what the instances behind it would still
 * take (one instance restarting while the other takes its share), and with one instance
 * it turns the excess away here, where a refusal is cheapest, instead of forwarding twice
 * what the instance takes.
 * <p>
 * Where it runs: after security (a WebFilter: a 401 or 403 never gets here) and the rate
 * limit, before the circuit breaker. Route filters are ordered 1, 2, ... as config-repo
 * lists them: RequestRateLimiter 1, CircuitBreaker 2. This global filter has order 2, and
 * Spring Cloud Gateway puts global filters before route filters of the same order (a
 * stable sort of the global filters followed by the route's). So a 429 never takes a
 * permit, and a refusal here never reaches the breaker: it is no breaker failure and no
 * fallback. One permit covers a request with all its retries (inside the breaker).
 * <p>
 * Meters, per route: {@code gateway_concurrency_limit{route}},
 * {@code gateway_concurrency_inflight{route}}; refusals in
 * {@code gateway_refusals_total{route, status="503"}}.
 */
class RouteConcurrencyLimit implements GlobalFilter, Ordered {

	/** Between the rate limit (route filter 1) and the circuit breaker (2). */
	static final int ORDER = 2;

	static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	/**
	 * Longer than an instance's restart in a rolling update (stopped, started, ready:
	 * 20-40 s on 2 cores).
	 */
	static final Duration SCALE_DOWN_DELAY = Duration.ofMinutes(1);

	private final ConcurrencyLimitProperties properties;

	private final ProblemResponses problems;

	private final GatewayRefusals refusals;

	private final MeterRegistry registry;

	private final DiscoveryClient discovery;

	private final Duration scaleDownDelay;

	private final LongSupplier nanoTime;

	/** One per route id; routes are few and keep their ids across refreshes. */
	private final Map<String, SimpleLimiter<Void>> limiters = new ConcurrentHashMap<>();

	RouteConcurrencyLimit(ConcurrencyLimitProperties properties, ProblemResponses problems, GatewayRefusals refusals,
			MeterRegistry registry, DiscoveryClient discovery) {
		this(properties, problems, refusals, registry, discovery, SCALE_DOWN_DELAY, System::nanoTime);
	}

	RouteConcurrencyLimit(ConcurrencyLimitProperties properties, ProblemResponses problems, GatewayRefusals refusals,
			MeterRegistry registry, DiscoveryClient discovery, Duration scaleDownDelay, LongSupplier nanoTime) {
		this.properties = properties;
		this.discovery = discovery;
		this.scaleDownDelay = scaleDownDelay;
		this.nanoTime = nanoTime;
		this.problems = problems;
		this.refusals = refusals;
		this.registry = registry;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null) {
			return chain.filter(exchange);
		}
		SimpleLimiter<Void> limiter = limiters.computeIfAbsent(route.getId(),
				(id) -> newLimiter(id, route.getUri().getHost()));
		Optional<Permit> acquired = Permit.tryAcquire(limiter);
		if (acquired.isEmpty()) {
			refusals.count(route.getId(), HttpStatus.SERVICE_UNAVAILABLE);
			return problems.write(refusal(route.getId(), limiter.getLimit(), exchange), exchange);
		}
		Permit permit = acquired.get();
		return chain.filter(exchange)
			.doOnSuccess((done) -> permit.release(Outcome.ofStatus(status(exchange))))
			.doOnError((failure) -> permit.release(Outcome.ofFailure(failure)))
			// The client went away: the answer's latency is unknown.
			.doOnCancel(() -> permit.release(Outcome.IGNORED));
	}

	private static int status(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return (status != null) ? status.value() : HttpStatus.OK.value();
	}

	private static Problem refusal(String route, int limit, ServerWebExchange exchange) {
		return ProblemResponses
			.problem(HttpStatus.SERVICE_UNAVAILABLE, "Service overloaded",
					route + " is at its concurrency limit (" + limit + " requests in flight through the gateway);"
							+ " the request was not forwarded. Retry after the Retry-After delay.",
					exchange.getRequest().getPath().value())
			.retryAfter(RETRY_AFTER);
	}

	private SimpleLimiter<Void> newLimiter(String route, String service) {
		InstancesBehindRoute instances = new InstancesBehindRoute(discovery, service, scaleDownDelay, nanoTime);
		SimpleLimiter<Void> limiter = AdaptiveLimiter.create(properties,
				() -> Math.min(properties.maxLimit(), properties.minLimit() * instances.count()));
		// The route's overload refusals exist from its first request on, at zero: a panel
		// and an alert on them have a series before the first overload.
		registry.counter("gateway.refusals", "route", route, "status", "503");
		Gauge.builder("gateway.concurrency.limit", limiter, SimpleLimiter::getLimit)
			.description("Requests the gateway forwards to the route at once before it refuses more (adaptive)")
			.tag("route", route)
			.register(registry);
		Gauge.builder("gateway.concurrency.inflight", limiter, SimpleLimiter::getInflight)
			.description("Requests of the route holding a place under its concurrency limit")
			.tag("route", route)
			.register(registry);
		return limiter;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
