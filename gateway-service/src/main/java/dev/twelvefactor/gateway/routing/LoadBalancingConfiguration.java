package dev.twelvefactor.gateway.routing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = UntriedInstancesLoadBalancerConfiguration.class)
class LoadBalancingConfiguration {

    @Bean
    RetryOnAnotherInstance.RecordTriedInstance recordTriedInstance() {
        return new RetryOnAnotherInstance.RecordTriedInstance();
    }
}
