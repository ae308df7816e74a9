package dev.twelvefactor.gateway.routing;

import dev.twelvefactor.support.loadbalancer.InstanceLoad;
import dev.twelvefactor.support.loadbalancer.LeastLoadedLoadBalancerConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = { UntriedInstancesLoadBalancerConfiguration.class,
		LeastLoadedLoadBalancerConfiguration.class })
class LoadBalancingConfiguration {

	@Bean
	RetryOnAnotherInstance.RecordTriedInstance recordTriedInstance(MeterRegistry registry) {
		return new RetryOnAnotherInstance.RecordTriedInstance(registry);
	}

	@Bean
	AbandonedAttempts abandonedAttempts(InstanceLoad load) {
		return new AbandonedAttempts(load);
	}

	@Bean
	RetryWithIdempotencyKeyGatewayFilterFactory retryWithIdempotencyKeyGatewayFilterFactory() {
		return new RetryWithIdempotencyKeyGatewayFilterFactory();
	}

}
