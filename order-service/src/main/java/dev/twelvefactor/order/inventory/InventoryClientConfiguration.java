package dev.twelvefactor.order.inventory;

import dev.twelvefactor.support.loadbalancer.LeastLoadedLoadBalancerConfiguration;
import dev.twelvefactor.support.loadbalancer.ReachableInstancesLoadBalancerConfiguration;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
// An instance of inventory-service that refuses a connection or times out is left out at
// once, not when Eureka drops it; of the others, the least loaded of two gets the call.
@LoadBalancerClients(defaultConfiguration = { ReachableInstancesLoadBalancerConfiguration.class,
		LeastLoadedLoadBalancerConfiguration.class })
class InventoryClientConfiguration {

	/**
	 * Resolves the host name {@code inventory-service} to an instance from Eureka on
	 * every call. The load balancer is added to this one client only: a
	 * {@code @LoadBalanced RestClient.Builder} bean would also be picked up by the Eureka
	 * client's own transport, which must call the Eureka server directly. The timeouts
	 * are per try (InventoryClientProperties) and bound the thread behind the time
	 * limiter, too.
	 * <p>
	 * Every call carries order-service's own access token (InventoryTokenConfiguration).
	 * Its interceptor comes first, outside the load balancer: getting a token calls
	 * auth-service directly, before any inventory-service instance is chosen, so that
	 * auth-service being down is never taken for that instance refusing connections (the
	 * load balancer would leave a healthy instance out). It still fails the call, inside
	 * the circuit breaker and the retry, exactly as an unreachable inventory-service
	 * does: the order stays PENDING. A 401 or 403 from inventory-service drops the cached
	 * token, so the retry asks for a new one.
	 */
	@Bean
	RestClient inventoryRestClient(RestClient.Builder builder, DeferringLoadBalancerInterceptor loadBalancer,
			InventoryClientProperties settings, OAuth2AuthorizedClientManager inventoryTokens,
			OAuth2AuthorizedClientService authorizedClients) {
		OAuth2ClientHttpRequestInterceptor bearerToken = new OAuth2ClientHttpRequestInterceptor(inventoryTokens);
		bearerToken.setClientRegistrationIdResolver(request -> InventoryTokenConfiguration.REGISTRATION_ID);
		bearerToken.setPrincipalResolver(request -> InventoryTokenConfiguration.SERVICE);
		bearerToken.setAuthorizationFailureHandler(
				OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
		return builder.baseUrl("http://inventory-service")
			.requestFactory(requestFactory(settings.connectTimeout(), settings.readTimeout()))
			.requestInterceptor(bearerToken)
			.requestInterceptor(loadBalancer)
			.build();
	}

	/**
	 * The circuit breaker's time limiter runs each call to inventory-service on a thread
	 * of its own: that thread gets the caller's context (the request's observation, so
	 * the call and inventory-service's work are spans of the order's trace, and the
	 * logging context), as Spring's own task executors pass it on. Without it, the call
	 * started a trace of its own.
	 */
	@Bean
	Customizer<Resilience4JCircuitBreakerFactory> callsInTheCallersTrace() {
		ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
		return (factory) -> factory.configureExecutorService(
				ContextExecutorService.wrap(Executors.newCachedThreadPool(), snapshots::captureAll));
	}

	static JdkClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(connectTimeout).build());
		requestFactory.setReadTimeout(readTimeout);
		return requestFactory;
	}

}
