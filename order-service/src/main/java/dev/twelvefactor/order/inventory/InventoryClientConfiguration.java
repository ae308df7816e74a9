package dev.twelvefactor.order.inventory;

import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class InventoryClientConfiguration {

    /**
     * Resolves the host name {@code inventory-service} to an instance from Eureka on every call. The load balancer
     * is added to this one client only: a {@code @LoadBalanced RestClient.Builder} bean would also be picked up by
     * the Eureka client's own transport, which must call the Eureka server directly.
     */
    @Bean
    RestClient inventoryRestClient(RestClient.Builder builder, DeferringLoadBalancerInterceptor loadBalancer) {
        return builder.baseUrl("http://inventory-service").requestInterceptor(loadBalancer).build();
    }
}
