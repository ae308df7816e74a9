package dev.twelvefactor.support.loadbalancer;

import dev.twelvefactor.support.config.PlatformProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/**
 * Every service that calls others through Spring Cloud LoadBalancer records which
 * instances refuse connections or time out ({@link InstanceEjection}) and how loaded each
 * one is ({@link InstanceLoad}). A service uses them by listing
 * {@link ReachableInstancesLoadBalancerConfiguration} (or {@link ReachableInstancesFirst}
 * in its own supplier) and {@link LeastLoadedLoadBalancerConfiguration} as its load
 * balancer configuration.
 */
@AutoConfiguration
@ConditionalOnClass(ServiceInstanceListSupplier.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class InstanceEjectionAutoConfiguration {

	@Bean
	InstanceEjection instanceEjection(PlatformProperties platform) {
		return new InstanceEjection(platform.loadbalancer().probeInterval(), platform.loadbalancer().forgetAfter());
	}

	@Bean
	InstanceLoad instanceLoad() {
		return new InstanceLoad();
	}

	@Bean
	static BeanPostProcessor nullSafeLoadBalancerStats(ObjectProvider<MeterRegistry> registry,
			ObjectProvider<ReactiveLoadBalancer.Factory<ServiceInstance>> factory) {
		return NullSafeLoadBalancerStats.replacing(registry, factory);
	}

}
