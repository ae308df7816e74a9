package dev.twelvefactor.support.loadbalancer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;

import java.util.concurrent.atomic.AtomicReference;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.time.Instant;
import java.time.Clock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnreachableInstancesTest {

	final UnreachableInstances unreachable = new UnreachableInstances(Duration.ofMillis(100), Duration.ofMinutes(10),
			Clock.systemUTC(), false);

	final ServiceInstance first = instance(40001);

	final ServiceInstance second = instance(40002);

	@Test
	void aRefusedConnectionLeavesTheInstanceOutAtOnce() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		unreachable.bindTo(registry);

		unreachable.onComplete(
				failed(first, new IllegalStateException("wrapped", new ConnectException("Connection refused"))));

		assertThat(offered()).containsExactly(second);
		assertThat(registry.get("loadbalancer.ejections").tag("service", "order-service").counter().count())
			.isEqualTo(1);
		assertThat(registry.get("loadbalancer.unreachable.instances").gauge().value()).isEqualTo(1);
	}

	@Test
	void anInstanceThatAnsweredOrTimedOutReadingStaysIn() {
		unreachable.onComplete(failed(first, new SocketTimeoutException("Read timed out")));
		unreachable
			.onComplete(new CompletionContext<>(CompletionContext.Status.SUCCESS, null, new DefaultResponse(second)));
		unreachable.onComplete(new CompletionContext<>(CompletionContext.Status.FAILED, new ConnectException(), null,
				new EmptyResponse()));

		assertThat(unreachable.isUnreachable(first)).isFalse();
		assertThat(unreachable.isUnreachable(second)).isFalse();
	}

	@Test
	void whenEveryInstanceRefusedAllAreOfferedRatherThanNone() {
		unreachable.eject(first);
		unreachable.eject(second);

		assertThat(offered()).containsExactly(first, second);
	}

	@Test
	void anInstanceIsLetBackInOnceItsPortAcceptsConnections() throws IOException {
		try (ServerSocket listening = new ServerSocket(0)) {
			ServiceInstance restarted = instance(listening.getLocalPort());
			unreachable.eject(restarted);
			unreachable.eject(first);

			unreachable.probe();

			assertThat(unreachable.isUnreachable(restarted)).isFalse();
			assertThat(unreachable.isUnreachable(first)).as("nothing listens on its port").isTrue();
		}
	}

	@Test
	void anInstanceThatNeverComesBackIsForgottenAfterAWhile() {
		var now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
		var clock = new Clock() {
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			public Clock withZone(ZoneId zone) {
				return this;
			}

			public Instant instant() {
				return now.get();
			}
		};
		UnreachableInstances forgetful = new UnreachableInstances(Duration.ofMillis(100), Duration.ofMinutes(10), clock,
				false);
		forgetful.eject(first);

		now.set(now.get().plus(Duration.ofMinutes(9)));
		forgetful.probe();
		assertThat(forgetful.isUnreachable(first)).isTrue();

		now.set(now.get().plus(Duration.ofMinutes(2)));
		forgetful.probe();
		assertThat(forgetful.isUnreachable(first)).isFalse();
	}

	/**
	 * What the load balancer is offered, through the supplier as Spring Cloud
	 * LoadBalancer calls it.
	 */
	private List<ServiceInstance> offered() {
		return new ReachableInstancesFirst(ServiceInstanceListSuppliers.from("order-service", first, second),
				unreachable)
			.get()
			.blockFirst();
	}

	private static CompletionContext<Object, ServiceInstance, Object> failed(ServiceInstance instance,
			Throwable failure) {
		return new CompletionContext<>(CompletionContext.Status.FAILED, failure, null, new DefaultResponse(instance));
	}

	private static ServiceInstance instance(int port) {
		return new DefaultServiceInstance("order-service-" + port, "order-service", "127.0.0.1", port, false);
	}

}
