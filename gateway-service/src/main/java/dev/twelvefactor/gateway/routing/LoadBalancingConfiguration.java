package dev.twelvefactor.gateway.routing;

import dev.twelvefactor.support.loadbalancer.InstanceEjection;
import dev.twelvefactor.support.loadbalancer.InstanceLoad;
import dev.twelvefactor.support.loadbalancer.LeastLoadedLoadBalancerConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutingProperties.class)
@LoadBalancerClients(defaultConfiguration = { UntriedInstancesLoadBalancerConfiguration.class,
		LeastLoadedLoadBalancerConfiguration.class })
class LoadBalancingConfiguration {

	@Bean
	RetryOnAnotherInstance.RecordTriedInstance recordTriedInstance(MeterRegistry registry) {
		return new RetryOnAnotherInstance.RecordTriedInstance(registry);
	}

	@Bean
	RetryTimeout retryTimeout(RoutingProperties routing, DiscoveryClient discovery, InstanceEjection ejection) {
		return new RetryTimeout(routing.retryTimeout(), discovery, ejection);
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
