package dev.twelvefactor.order.inventory;

import dev.twelvefactor.support.loadbalancer.ReachableInstancesLoadBalancerConfiguration;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;

@Configuration(proxyBeanMethods = false)
// An instance of inventory-service that refuses a connection is left out at once, not
// when Eureka drops it.
@LoadBalancerClients(defaultConfiguration = ReachableInstancesLoadBalancerConfiguration.class)
class InventoryClientConfiguration {

	/**
	 * Resolves the host name {@code inventory-service} to an instance from Eureka on
	 * every call. The load balancer is added to this one client only: a
	 * {@code @LoadBalanced RestClient.Builder} bean would also be picked up by the Eureka
	 * client's own transport, which must call the Eureka server directly. The timeouts
	 * bound the thread behind the time limiter, too.
	 */
	@Bean
	RestClient inventoryRestClient(RestClient.Builder builder, DeferringLoadBalancerInterceptor loadBalancer,
			InventoryClientProperties settings) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build());
		requestFactory.setReadTimeout(settings.readTimeout());
		return builder.baseUrl("http://inventory-service")
			.requestFactory(requestFactory)
			.requestInterceptor(loadBalancer)
			.build();
	}

}
