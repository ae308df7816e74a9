package dev.twelvefactor.support.loadbalancer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InstanceEjectionTest {

	/** Probes time out after 500 ms, as with the default interval of 1 s. */
	final InstanceEjection ejection = new InstanceEjection(Duration.ofSeconds(1), Duration.ofMinutes(10),
			Clock.systemUTC(), false);

	final ServiceInstance first = instance(40001, Map.of());

	final ServiceInstance second = instance(40002, Map.of());

	final LivenessServer management = new LivenessServer();

	@AfterEach
	void stop() {
		management.close();
		ejection.destroy();
	}

	@Test
	void aRefusedConnectionLeavesTheInstanceOutAtOnce() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ejection.bindTo(registry);

		ejection.onComplete(
				failed(first, new IllegalStateException("wrapped", new ConnectException("Connection refused"))));

		assertThat(offered()).containsExactly(second);
		assertThat(registry.get("loadbalancer.ejections")
			.tag("service", "order-service")
			.tag("reason", "refused")
			.counter()
			.count()).isEqualTo(1);
		assertThat(registry.get("loadbalancer.unreachable.instances").gauge().value()).isEqualTo(1);
	}

	@Test
	void aTryThatTimedOutLeavesTheInstanceOutAtOnce() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ejection.bindTo(registry);

		// The JDK client's (RestClient) read timeout.
		ejection.onComplete(failed(first, new HttpTimeoutException("request timed out")));
		// A response timeout reported through a wrapper (the gateway's 504 wraps its
		// own TimeoutException).
		ejection.onComplete(failed(second, new IllegalStateException("504", new TimeoutException("no answer"))));

		assertThat(ejection.isEjected(first)).isTrue();
		assertThat(ejection.isEjected(second)).isTrue();
		assertThat(registry.get("loadbalancer.ejections").tag("reason", "timeout").counter().count()).isEqualTo(2);
		assertThat(InstanceEjection.reasonFor(new SocketTimeoutException("Read timed out")))
			.isEqualTo(InstanceEjection.Reason.TIMEOUT);
		assertThat(InstanceEjection.reasonFor(new HttpConnectTimeoutException("connect timed out")))
			.as("not accepting a connection in time is a refusal")
			.isEqualTo(InstanceEjection.Reason.REFUSED);
	}

	@Test
	void anInstanceThatAnsweredStaysIn() {
		ejection
			.onComplete(new CompletionContext<>(CompletionContext.Status.SUCCESS, null, new DefaultResponse(first)));
		ejection.onComplete(failed(first, new IllegalStateException("inventory-service answered 500")));
		ejection.onComplete(failed(first, new IOException("Connection reset")));
		// The caller's own congestion (a pool's acquire timeout) says nothing about the
		// instance.
		ejection.onComplete(failed(first, new TimeoutException("acquire") {
		}));
		ejection.onComplete(new CompletionContext<>(CompletionContext.Status.FAILED, new ConnectException(), null,
				new EmptyResponse()));

		assertThat(ejection.isEjected(first)).isFalse();
	}

	@Test
	void whenEveryInstanceIsEjectedAllAreOfferedRatherThanNone() {
		ejection.eject(first, InstanceEjection.Reason.REFUSED);
		ejection.eject(second, InstanceEjection.Reason.TIMEOUT);

		assertThat(offered()).containsExactly(first, second);
	}

	@Test
	void aFrozenInstanceStaysOutUntilItAnswersItsLivenessProbe() {
		ServiceInstance frozen = instance(40003, Map.of("management.port", String.valueOf(management.port())));
		management.freeze();
		ejection.onComplete(failed(frozen, new HttpTimeoutException("request timed out")));

		long started = System.nanoTime();
		ejection.probe();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a probe is given up on in time")
			.isLessThan(Duration.ofSeconds(1));
		assertThat(ejection.isEjected(frozen)).isTrue();
		assertThat(management.paths).as("probed on its management port").contains("/actuator/health/liveness");

		management.thaw();

		assertThat(probedUntilLetIn(frozen)).isTrue();
	}

	@Test
	void aPortThatAcceptsConnectionsButNeverAnswersIsNotAlive() throws IOException {
		// Nothing ever accepts: the kernel completes the handshakes (the backlog), as for
		// a SIGSTOPped process.
		try (ServerSocket hung = new ServerSocket(0, 50)) {
			ServiceInstance frozen = instance(hung.getLocalPort(), Map.of());
			ejection.eject(frozen, InstanceEjection.Reason.TIMEOUT);

			ejection.probe();

			assertThat(ejection.isEjected(frozen)).isTrue();
		}
	}

	@Test
	void anInstanceWhoseLivenessIsDownStaysOut() {
		ServiceInstance broken = instance(40004, Map.of("management.port", String.valueOf(management.port())));
		management.answer(503);
		ejection.eject(broken, InstanceEjection.Reason.TIMEOUT);

		ejection.probe();
		assertThat(ejection.isEjected(broken)).isTrue();

		management.answer(200);
		assertThat(probedUntilLetIn(broken)).isTrue();
	}

	@Test
	void aRestartedInstanceIsLetBackInWithoutManagementPortMetadata() {
		// Its own port: any answer below 500 (here 200; a service's 404 would do) shows
		// the process runs.
		ServiceInstance restarted = instance(management.port(), Map.of());
		ejection.eject(restarted, InstanceEjection.Reason.REFUSED);
		ejection.eject(first, InstanceEjection.Reason.REFUSED);

		assertThat(probedUntilLetIn(restarted)).isTrue();
		assertThat(ejection.isEjected(first)).as("nothing listens on its port").isTrue();
	}

	@Test
	void probesRunEveryIntervalByThemselves() {
		InstanceEjection probing = new InstanceEjection(Duration.ofMillis(200), Duration.ofMinutes(10));
		try {
			ServiceInstance frozen = instance(40005, Map.of("management.port", String.valueOf(management.port())));
			management.freeze();
			probing.eject(frozen, InstanceEjection.Reason.TIMEOUT);
			await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> probing.isEjected(frozen));

			management.thaw();

			await().atMost(Duration.ofSeconds(3)).until(() -> !probing.isEjected(frozen));
		}
		finally {
			probing.destroy();
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
		InstanceEjection forgetful = new InstanceEjection(Duration.ofMillis(100), Duration.ofMinutes(10), clock, false);
		forgetful.eject(first, InstanceEjection.Reason.REFUSED);

		now.set(now.get().plus(Duration.ofMinutes(9)));
		forgetful.probe();
		assertThat(forgetful.isEjected(first)).isTrue();

		now.set(now.get().plus(Duration.ofMinutes(2)));
		forgetful.probe();
		assertThat(forgetful.isEjected(first)).isFalse();
		forgetful.destroy();
	}

	/**
	 * Probes as the scheduler does, a few times: a new HTTP client's first request can
	 * take longer than the probe's timeout on a busy machine.
	 */
	private boolean probedUntilLetIn(ServiceInstance instance) {
		for (int probe = 0; probe < 3 && ejection.isEjected(instance); probe++) {
			ejection.probe();
		}
		return !ejection.isEjected(instance);
	}

	/**
	 * What the load balancer is offered, through the supplier as Spring Cloud
	 * LoadBalancer calls it.
	 */
	private List<ServiceInstance> offered() {
		return new ReachableInstancesFirst(ServiceInstanceListSuppliers.from("order-service", first, second), ejection)
			.get()
			.blockFirst();
	}

	private static CompletionContext<Object, ServiceInstance, Object> failed(ServiceInstance instance,
			Throwable failure) {
		return new CompletionContext<>(CompletionContext.Status.FAILED, failure, null, new DefaultResponse(instance));
	}

	private static ServiceInstance instance(int port, Map<String, String> metadata) {
		return new DefaultServiceInstance("order-service-" + port, "order-service", "127.0.0.1", port, false, metadata);
	}

}
