package dev.twelvefactor.gateway.routing;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = UntriedInstancesLoadBalancerConfiguration.class)
class LoadBalancingConfiguration {

	@Bean
	RetryOnAnotherInstance.RecordTriedInstance recordTriedInstance(MeterRegistry registry) {
		return new RetryOnAnotherInstance.RecordTriedInstance(registry);
	}

}
