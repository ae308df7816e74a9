package dev.twelvefactor.support.loadbalancer;

import dev.twelvefactor.support.config.PlatformProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/**
 * Every service that calls others through Spring Cloud LoadBalancer records which
 * instances refuse connections. A service uses it by listing
 * {@link ReachableInstancesLoadBalancerConfiguration} (or {@link ReachableInstancesFirst}
 * in its own supplier) as its load balancer configuration.
 */
@AutoConfiguration
@ConditionalOnClass(ServiceInstanceListSupplier.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class InstanceEjectionAutoConfiguration {

	@Bean
	UnreachableInstances unreachableInstances(PlatformProperties platform) {
		return new UnreachableInstances(platform.loadbalancer().probeInterval(), platform.loadbalancer().forgetAfter());
	}

}
