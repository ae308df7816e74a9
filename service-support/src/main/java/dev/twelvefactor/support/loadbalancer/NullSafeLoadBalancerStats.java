package dev.twelvefactor.support.loadbalancer;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.stats.MicrometerStatsLoadBalancerLifecycle;

/**
 * Spring Cloud LoadBalancer's {@code loadbalancer_requests_*} metrics without its
 * NullPointerException ("Cannot invoke Object.hashCode() because key is null"). When a
 * service has no instance at all, the gateway's load balancer filter reports the failed
 * request with no chosen instance, and the stock lifecycle looks that null up in a
 * ConcurrentHashMap. The exception replaced the "no instance" error: the route's circuit
 * breaker counted it as a failure (it ignores "no instance") and the retry did not
 * recognise it. Here such a completion is skipped: it has no instance to count against.
 * <p>
 * Spring Cloud defines its lifecycle bean unconditionally (when
 * {@code spring.cloud.loadbalancer.stats.micrometer.enabled}), so {@link #replacing}
 * swaps the instance for this subclass as it is created.
 */
final class NullSafeLoadBalancerStats extends MicrometerStatsLoadBalancerLifecycle {

	NullSafeLoadBalancerStats(MeterRegistry registry, ReactiveLoadBalancer.Factory<ServiceInstance> factory) {
		super(registry, factory);
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
		Response<ServiceInstance> chosen = completion.getLoadBalancerResponse();
		if (completion.status() != CompletionContext.Status.DISCARD && (chosen == null || !chosen.hasServer())) {
			return;
		}
		super.onComplete(completion);
	}

	static BeanPostProcessor replacing(ObjectProvider<MeterRegistry> registry,
			ObjectProvider<ReactiveLoadBalancer.Factory<ServiceInstance>> factory) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean.getClass() == MicrometerStatsLoadBalancerLifecycle.class
						? new NullSafeLoadBalancerStats(registry.getObject(), factory.getObject()) : bean;
			}

		};
	}

}
