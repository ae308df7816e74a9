package dev.twelvefactor.gateway.routing;

import dev.twelvefactor.support.loadbalancer.InstanceEjection;
import dev.twelvefactor.support.loadbalancer.InstanceLoad;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Sets each try's response timeout. A first try that has another instance to go to gets
 * the short per-try timeout ({@code GATEWAY_TRY_TIMEOUT}, 1 s), or, when the service is
 * slow as a whole, {@value #SLOW_SERVICE_FACTOR} times what its best instance takes now
 * ({@link InstanceLoad#typicalLatency}), at most the retry timeout. A retry, and a try
 * that has no other instance, get the time a whole request may take
 * ({@code gateway.routing.retry-timeout}, 7 s).
 * <p>
 * The short timeout is a bet that the instance is hung and another one will answer at
 * once. It only pays while the other instances answer well within it: on a platform whose
 * instances all started a moment ago (cold JIT) or on a saturated machine every instance
 * is slow, and a fixed 1 s turned slow answers into timeouts, ejections and retries, each
 * retry more work for the same busy instances (measured: a freshly started platform at 12
 * requests/s got 503s from the gateway's limit and answers after 4-12 s, where waiting
 * served them all). Once the bet was made (the instance tried first is ejected and the
 * retry goes elsewhere) waiting a second time for one second would turn a machine that is
 * merely slow for a while into 504s and an open breaker. And a service with one usable
 * instance has nowhere else to go: its requests wait as long as they may (a POST cut
 * short there would be retried on the same, busy instance). So a frozen instance costs
 * one short try, and a slow service is slow rather than failing.
 * <p>
 * Spring Cloud Gateway reads the response timeout from the route's metadata for each try;
 * this filter runs after the load balancer chose the instance and hands the routing
 * filter a copy of the route with the timeout. A route whose own timeout is longer
 * (auth-service's) keeps it.
 */
@SuppressWarnings("unchecked")
final class RetryTimeout implements GlobalFilter, Ordered {

	/**
	 * A first try may take this many times the service's typical latency before it is
	 * given up: a hung instance is told from a slow one by far more than the usual spread
	 * of latencies.
	 */
	static final int SLOW_SERVICE_FACTOR = 5;

	private final Duration tryTimeout;

	private final Duration retryTimeout;

	private final DiscoveryClient discovery;

	private final InstanceEjection ejection;

	private final Function<String, Optional<Duration>> typicalLatency;

	/** By route id; see {@link #withTimeout}. */
	private final Map<String, RouteWithTimeout> routesWithTimeout = new ConcurrentHashMap<>();

	RetryTimeout(Duration tryTimeout, Duration retryTimeout, DiscoveryClient discovery, InstanceEjection ejection,
			Function<String, Optional<Duration>> typicalLatency) {
		this.tryTimeout = tryTimeout;
		this.retryTimeout = retryTimeout;
		this.discovery = discovery;
		this.ejection = ejection;
		this.typicalLatency = typicalLatency;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Set<String> tried = (Set<String>) exchange.getAttribute(RetryOnAnotherInstance.TRIED_INSTANCES);
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || tried == null || tried.isEmpty() || hasLongerTimeout(route)) {
			return chain.filter(exchange);
		}
		Duration timeout = (tried.size() > 1 || !hasAnotherInstance(route)) ? retryTimeout : firstTryTimeout(route);
		if (timeout.compareTo(tryTimeout) > 0) {
			exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, withTimeout(route, timeout));
		}
		return chain.filter(exchange);
	}

	/**
	 * The route with its response timeout set to {@code timeout}. Built once per route
	 * and timeout, not for every request: with one instance behind a route every try gets
	 * the retry timeout, and copying the route's metadata and filters for each request
	 * was a visible part of the gateway's CPU profile.
	 */
	private Route withTimeout(Route route, Duration timeout) {
		long millis = timeout.toMillis();
		RouteWithTimeout known = routesWithTimeout.get(route.getId());
		if (known != null && known.original() == route && known.millis() == millis) {
			return known.copy();
		}
		Map<String, Object> metadata = new HashMap<>(route.getMetadata());
		metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, millis);
		Route copy = Route.async()
			.id(route.getId())
			.uri(route.getUri())
			.order(route.getOrder())
			.asyncPredicate(route.getPredicate())
			.filters(route.getFilters())
			.metadata(metadata)
			.build();
		routesWithTimeout.put(route.getId(), new RouteWithTimeout(route, millis, copy));
		return copy;
	}

	/**
	 * The last copy made for a route: the route as the locator had it (a refresh of the
	 * routes makes new ones) and the timeout of the copy.
	 */
	private record RouteWithTimeout(Route original, long millis, Route copy) {
	}

	/**
	 * The short timeout, or longer while the service is slow as a whole, never longer
	 * than a retry's. While the service has not answered recently (just started, back
	 * after being down, idle) nothing tells a hung instance from a cold one: no bet, the
	 * try waits as a retry would.
	 */
	private Duration firstTryTimeout(Route route) {
		String service = route.getUri().getHost();
		if (service == null) {
			return tryTimeout;
		}
		Optional<Duration> typical = typicalLatency.apply(service);
		if (typical.isEmpty()) {
			return retryTimeout;
		}
		Duration slowService = typical.get().multipliedBy(SLOW_SERVICE_FACTOR);
		Duration timeout = slowService.compareTo(tryTimeout) > 0 ? slowService : tryTimeout;
		return timeout.compareTo(retryTimeout) < 0 ? timeout : retryTimeout;
	}

	/**
	 * Whether the route's service has a usable instance besides the one chosen: read from
	 * the discovery client's local copy of the registry, no remote call.
	 */
	private boolean hasAnotherInstance(Route route) {
		String service = route.getUri().getHost();
		return service != null && discovery.getInstances(service)
			.stream()
			.filter(instance -> !ejection.isEjected(instance))
			.limit(2)
			.count() > 1;
	}

	private boolean hasLongerTimeout(Route route) {
		Object own = route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
		return own != null && Long.parseLong(own.toString()) >= retryTimeout.toMillis();
	}

	/** After the instance of this try is recorded as tried, before the routing filter. */
	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 2;
	}

}
