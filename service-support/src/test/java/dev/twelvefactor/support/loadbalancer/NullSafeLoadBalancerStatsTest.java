package dev.twelvefactor.support.loadbalancer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultRequestContext;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClientsProperties;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.config.LoadBalancerStatsAutoConfiguration;
import org.springframework.cloud.loadbalancer.stats.MicrometerStatsLoadBalancerLifecycle;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The gateway logged {@code NullPointerException: Cannot invoke "Object.hashCode()"
 * because "key" is null} for every request to a service without instances: Spring Cloud's
 * stats lifecycle looked up the missing instance. The platform's replacement skips those
 * completions and keeps the metrics.
 */
class NullSafeLoadBalancerStatsTest {

	static final ServiceInstance A = new DefaultServiceInstance("a", "inventory-service", "127.0.0.1", 1001, false);

	final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LoadBalancerStatsAutoConfiguration.class,
				InstanceEjectionAutoConfiguration.class))
		.withPropertyValues("spring.cloud.loadbalancer.stats.micrometer.enabled=true")
		.withBean(SimpleMeterRegistry.class)
		.withBean(LoadBalancerClientFactory.class,
				() -> new LoadBalancerClientFactory(new LoadBalancerClientsProperties()));

	@Test
	void aFailedRequestWithoutAnInstanceIsSkippedInsteadOfThrowing() {
		context.run(context -> {
			MicrometerStatsLoadBalancerLifecycle stats = context.getBean(MicrometerStatsLoadBalancerLifecycle.class);
			assertThat(stats).isInstanceOf(NullSafeLoadBalancerStats.class);
			Request<Object> noInstance = new DefaultRequest<>(new DefaultRequestContext());

			assertThatNoException().isThrownBy(() -> {
				// What the gateway's load balancer filter reports when the list is empty.
				stats.onComplete(
						new CompletionContext<>(CompletionContext.Status.DISCARD, noInstance, new EmptyResponse()));
				stats.onComplete(new CompletionContext<>(CompletionContext.Status.FAILED,
						new IllegalStateException("Unable to find instance"), noInstance, null));
			});
			assertThat(new MicrometerStatsLoadBalancerLifecycle(new SimpleMeterRegistry(),
					context.getBean(LoadBalancerClientFactory.class)))
				.as("the stock lifecycle, for comparison")
				.satisfies(stock -> org.assertj.core.api.Assertions.assertThatNullPointerException()
					.isThrownBy(() -> stock.onComplete(new CompletionContext<>(CompletionContext.Status.FAILED,
							new IllegalStateException(), noInstance, null))));
		});
	}

	@Test
	void requestsToAnInstanceAreStillCounted() {
		context.run(context -> {
			MicrometerStatsLoadBalancerLifecycle stats = context.getBean(MicrometerStatsLoadBalancerLifecycle.class);
			Request<Object> request = new DefaultRequest<>(new DefaultRequestContext());
			DefaultResponse chosen = new DefaultResponse(A);

			stats.onStartRequest(request, chosen);
			stats.onComplete(new CompletionContext<>(CompletionContext.Status.SUCCESS, request, chosen));

			assertThat(context.getBean(MeterRegistry.class)
				.get("loadbalancer.requests.success")
				.tag("serviceInstance.port", "1001")
				.timer()
				.count()).isEqualTo(1);
		});
	}

}
