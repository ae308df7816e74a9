package dev.twelvefactor.support.loadbalancer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The load balancer for {@code @LoadBalancerClients(defaultConfiguration = ...)}, next to
 * a configuration that provides the instance list (such as
 * {@link ReachableInstancesLoadBalancerConfiguration}): {@link LeastLoadedOfTwo} instead
 * of Spring Cloud LoadBalancer's round robin. Not a {@code @Configuration}: Spring Cloud
 * LoadBalancer builds it in each called service's own child context.
 */
public class LeastLoadedLoadBalancerConfiguration {

	@Bean
	ReactorLoadBalancer<ServiceInstance> leastLoadedOfTwo(Environment environment,
			ObjectProvider<ServiceInstanceListSupplier> suppliers, InstanceLoad load) {
		return new LeastLoadedOfTwo(environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME), suppliers, load);
	}

}
