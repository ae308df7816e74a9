package dev.twelvefactor.gateway.routing;

import dev.twelvefactor.support.loadbalancer.InstanceEjection;
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
import java.util.Set;

/**
 * Gives a retry, and a try that has no other instance to go to, the time a whole request
 * may take, where a first try has only the short per-try timeout
 * ({@code GATEWAY_TRY_TIMEOUT}, 1 s). The short timeout is a bet that the instance is
 * hung and another one will answer at once; once that bet was made (the instance tried
 * first is ejected and the retry goes elsewhere) waiting a second time for one second
 * would turn a machine that is merely slow for a while (instances starting with a cold
 * JIT, a burst on two cores) into 504s and an open breaker. And a service with one usable
 * instance has nowhere else to go: its requests wait as long as they may (a POST cut
 * short there would be retried on the same, busy instance). So a frozen instance costs
 * one short try, and a slow service is slow rather than failing.
 * <p>
 * Spring Cloud Gateway reads the response timeout from the route's metadata for each try;
 * this filter runs after the load balancer chose the instance and hands the routing
 * filter a copy of the route with the longer timeout. A route whose own timeout is longer
 * (auth-service's) keeps it.
 */
@SuppressWarnings("unchecked")
final class RetryTimeout implements GlobalFilter, Ordered {

	private final Duration retryTimeout;

	private final DiscoveryClient discovery;

	private final InstanceEjection ejection;

	RetryTimeout(Duration retryTimeout, DiscoveryClient discovery, InstanceEjection ejection) {
		this.retryTimeout = retryTimeout;
		this.discovery = discovery;
		this.ejection = ejection;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Set<String> tried = (Set<String>) exchange.getAttribute(RetryOnAnotherInstance.TRIED_INSTANCES);
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route != null && tried != null && !tried.isEmpty() && !hasLongerTimeout(route)
				&& (tried.size() > 1 || !hasAnotherInstance(route))) {
			Map<String, Object> metadata = new HashMap<>(route.getMetadata());
			metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, retryTimeout.toMillis());
			exchange.getAttributes()
				.put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR,
						Route.async()
							.id(route.getId())
							.uri(route.getUri())
							.order(route.getOrder())
							.asyncPredicate(route.getPredicate())
							.filters(route.getFilters())
							.metadata(metadata)
							.build());
		}
		return chain.filter(exchange);
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
