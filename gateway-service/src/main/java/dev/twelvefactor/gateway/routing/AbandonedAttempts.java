package dev.twelvefactor.gateway.routing;

import dev.twelvefactor.support.loadbalancer.InstanceLoad;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Ends an attempt's count of requests in flight ({@link InstanceLoad}) when the attempt
 * is cancelled: the client went away, or the circuit breaker's time limiter gave up.
 * Spring Cloud Gateway's load balancer filter reports only success and failure to the
 * load balancer's lifecycle, never a cancellation, so without this each one would leave
 * the instance looking busier for good, until it got no requests at all.
 */
final class AbandonedAttempts implements GlobalFilter, Ordered {

	private final InstanceLoad load;

	AbandonedAttempts(InstanceLoad load) {
		this.load = load;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Response<?> chosen = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		if (chosen == null) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).doOnCancel(() -> load.abandon(chosen));
	}

	/** Right after the load balancer chose the attempt's instance. */
	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
	}

}
