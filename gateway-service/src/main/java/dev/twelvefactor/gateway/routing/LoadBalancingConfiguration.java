package dev.twelvefactor.gateway.routing;

import dev.twelvefactor.support.loadbalancer.InstanceEjection;
import dev.twelvefactor.support.loadbalancer.InstanceLoad;
import dev.twelvefactor.support.loadbalancer.LeastLoadedLoadBalancerConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

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
	RetryTimeout retryTimeout(HttpClientProperties httpClient, RoutingProperties routing, DiscoveryClient discovery,
			InstanceEjection ejection, InstanceLoad load) {
		// No response timeout configured: every try may take as long as a retry.
		Duration tryTimeout = (httpClient.getResponseTimeout() != null) ? httpClient.getResponseTimeout()
				: routing.retryTimeout();
		return new RetryTimeout(tryTimeout, routing.retryTimeout(), discovery, ejection, load::typicalLatency);
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
