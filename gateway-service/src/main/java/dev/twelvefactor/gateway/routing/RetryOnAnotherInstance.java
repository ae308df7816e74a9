package dev.twelvefactor.gateway.routing;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends a retried request to an instance it has not tried yet. The gateway's Retry filter
 * runs the load balancer again, which alone may pick the instance that just failed (a
 * failure it does not eject for, such as a reset connection, leaves it as attractive as
 * before), so a bad instance of two could fail a request twice. The filter records each
 * instance a request was sent to; the supplier leaves those out, unless no other instance
 * is left.
 */
@SuppressWarnings("unchecked")
public final class RetryOnAnotherInstance {

	static final String TRIED_INSTANCES = RetryOnAnotherInstance.class.getName() + ".tried";

	private RetryOnAnotherInstance() {
	}

	/**
	 * Runs right after the load balancer chose an instance, and remembers it for this
	 * request. A request that was sent before is a retry: counted as
	 * {@code gateway_retries_total{route}}, since the Retry filter records nothing by
	 * itself.
	 */
	public static final class RecordTriedInstance implements GlobalFilter, Ordered {

		private final MeterRegistry registry;

		public RecordTriedInstance(MeterRegistry registry) {
			this.registry = registry;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
			Response<ServiceInstance> chosen = exchange
				.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
			if (chosen != null && chosen.hasServer()) {
				Set<String> tried = (Set<String>) exchange.getAttributes()
					.computeIfAbsent(TRIED_INSTANCES, key -> new HashSet<String>());
				if (!tried.isEmpty()) {
					Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
					registry.counter("gateway.retries", "route", route == null ? "unknown" : route.getId()).increment();
				}
				tried.add(address(chosen.getServer()));
			}
			return chain.filter(exchange);
		}

		@Override
		public int getOrder() {
			return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
		}

	}

	/** Offers the load balancer only instances this request has not been sent to yet. */
	public static final class UntriedInstancesFirst extends DelegatingServiceInstanceListSupplier {

		public UntriedInstancesFirst(ServiceInstanceListSupplier delegate) {
			super(delegate);
		}

		@Override
		public Flux<List<ServiceInstance>> get() {
			return delegate.get();
		}

		@Override
		public Flux<List<ServiceInstance>> get(Request request) {
			Set<String> tried = request.getContext() instanceof RequestDataContext context
					&& context.getClientRequest() != null && context.getClientRequest().getAttributes() != null
							? triedInstances(context.getClientRequest().getAttributes()) : Set.of();
			return delegate.get(request).map(instances -> {
				List<ServiceInstance> untried = instances.stream()
					.filter(instance -> !tried.contains(address(instance)))
					.toList();
				return untried.isEmpty() ? instances : untried;
			});
		}

	}

	/**
	 * An instance by its address: the instance id may be missing (an instance listed in
	 * configuration rather than registered), and the set of none tried is immutable,
	 * which refuses to look up a null.
	 */
	static String address(ServiceInstance instance) {
		return instance.getHost() + ":" + instance.getPort();
	}

	private static Set<String> triedInstances(Map<String, Object> attributes) {
		return (Set<String>) attributes.getOrDefault(TRIED_INSTANCES, Set.of());
	}

}
