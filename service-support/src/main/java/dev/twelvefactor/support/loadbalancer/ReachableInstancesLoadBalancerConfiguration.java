package dev.twelvefactor.support.loadbalancer;

import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A load balancer instance list for
 * {@code @LoadBalancerClients(defaultConfiguration = ...)}: the discovery client's
 * instances (the Eureka client's local registry) without those just ejected
 * ({@link InstanceEjection}). List it together with
 * {@link LeastLoadedLoadBalancerConfiguration}, which chooses among them. Not a
 * {@code @Configuration}: Spring Cloud LoadBalancer builds it in each called service's
 * own child context.
 */
public class ReachableInstancesLoadBalancerConfiguration {

	@Bean
	ServiceInstanceListSupplier reachableInstancesFirst(ConfigurableApplicationContext context) {
		var discovered = ServiceInstanceListSupplier.builder();
		// A servlet application has only the blocking discovery client; a reactive one
		// (the gateway) both.
		discovered = context.getBeanProvider(ReactiveDiscoveryClient.class).getIfAvailable() != null
				? discovered.withDiscoveryClient() : discovered.withBlockingDiscoveryClient();
		return discovered
			.with((ignored, delegate) -> new ReachableInstancesFirst(delegate, context.getBean(InstanceEjection.class)))
			.build(context);
	}

}
