package dev.twelvefactor.gateway.routing;

import dev.twelvefactor.support.loadbalancer.InstanceEjection;
import dev.twelvefactor.support.loadbalancer.ReachableInstancesFirst;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The load balancer's instance list for every service: from the discovery client (the
 * Eureka client's local registry), without instances just ejected for a refused
 * connection or a timeout (service-support's passive ejection) and without those the
 * current request already tried. service-support's LeastLoadedLoadBalancerConfiguration
 * chooses among them. Not a @Configuration: Spring Cloud LoadBalancer builds it in each
 * service's own child context.
 */
class UntriedInstancesLoadBalancerConfiguration {

	@Bean
	ServiceInstanceListSupplier untriedInstancesFirst(ConfigurableApplicationContext context) {
		return ServiceInstanceListSupplier.builder()
			.withDiscoveryClient()
			.with((ignored, delegate) -> new ReachableInstancesFirst(delegate, context.getBean(InstanceEjection.class)))
			.with((ignored, delegate) -> new RetryOnAnotherInstance.UntriedInstancesFirst(delegate))
			.build(context);
	}

}
