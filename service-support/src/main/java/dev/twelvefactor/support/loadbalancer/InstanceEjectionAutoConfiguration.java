package dev.twelvefactor.support.loadbalancer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * Every service that calls others through Spring Cloud LoadBalancer records which instances refuse connections.
 * A service uses it by listing {@link ReachableInstancesLoadBalancerConfiguration} (or {@link ReachableInstancesFirst}
 * in its own supplier) as its load balancer configuration.
 */
@AutoConfiguration
@ConditionalOnClass(ServiceInstanceListSupplier.class)
public class InstanceEjectionAutoConfiguration {

    @Bean
    UnreachableInstances unreachableInstances(
            @Value("${platform.loadbalancer.probe-interval:1s}") Duration probeInterval,
            @Value("${platform.loadbalancer.forget-after:10m}") Duration forgetAfter) {
        return new UnreachableInstances(probeInterval, forgetAfter);
    }
}
