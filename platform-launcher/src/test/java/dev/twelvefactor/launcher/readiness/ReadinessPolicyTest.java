package dev.twelvefactor.launcher.readiness;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.process.ServiceInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The policy over a probe that answers what each test says, with idle processes standing
 * in for the instances.
 */
class ReadinessPolicyTest {

	@TempDir
	Path folder;

	final Map<Service, List<ServiceInstance>> instances = new EnumMap<>(Service.class);

	final FakeProbe probe = new FakeProbe();

	final ReadinessPolicy policy = new ReadinessPolicy(probe, service -> instances.getOrDefault(service, List.of()),
			() -> "http://127.0.0.1:8761/eureka/");

	@AfterEach
	void stop() {
		instances.values().forEach(list -> list.forEach(ServiceInstance::kill));
	}

	@Test
	void anInstanceIsReadyOnceEveryCallerSeesIt() {
		ServiceInstance order = running(Service.ORDER);
		running(Service.GATEWAY);
		probe.ready = true;
		probe.upInEureka = true;

		probe.seenByCallers = 0;
		assertThat(policy.isReady(order)).isFalse();
		probe.seenByCallers = 1;
		assertThat(policy.isReady(order)).isTrue();
		probe.upInEureka = false;
		assertThat(policy.isReady(order)).isFalse();
	}

	@Test
	void anInstanceThatIsNotRunningIsNeverReadyAndWaitingForItSaysWhy() {
		ServiceInstance stopped = instance(Service.INVENTORY);
		probe.ready = true;

		assertThat(policy.isReady(stopped)).isFalse();
		assertThatThrownBy(() -> policy.awaitReady(stopped)).hasMessageContaining("exited while starting")
			.hasMessageContaining(stopped.logFile().toString());
	}

	@Test
	void eurekaIsReadyOnceItListsEveryRunningInstance() {
		ServiceInstance discovery = running(Service.DISCOVERY);
		running(Service.CONFIG);
		probe.ready = true;

		probe.upInEureka = false;
		assertThat(policy.isReady(discovery)).isFalse();
		probe.upInEureka = true;
		assertThat(policy.isReady(discovery)).isTrue();
	}

	private ServiceInstance running(Service service) {
		ServiceInstance instance = instance(service);
		instance.start();
		return instance;
	}

	private ServiceInstance instance(Service service) {
		List<ServiceInstance> list = instances.computeIfAbsent(service, ignored -> new ArrayList<>());
		String name = service.applicationName() + "-" + (list.size() + 1);
		ServiceInstance instance = new ServiceInstance(service, list.size() + 1, 1, 2, List.of("sleep", "60"), Map.of(),
				folder, folder.resolve(name + ".log"), folder.resolve(name + ".pid"));
		list.add(instance);
		return instance;
	}

	static final class FakeProbe extends ReadinessProbe {

		FakeProbe() {
			super(() -> {
				throw new AssertionError("a fake probe asks nobody, with no credentials");
			});
		}

		volatile boolean ready;

		volatile boolean upInEureka;

		volatile int seenByCallers;

		@Override
		public boolean isReady(ServiceInstance instance) {
			return ready;
		}

		@Override
		public boolean isUpInEureka(String eurekaUrl, ServiceInstance instance) {
			return upInEureka;
		}

		@Override
		public int instancesSeenBy(ServiceInstance caller, String application) {
			return seenByCallers;
		}

	}

	@Test
	void theTimeoutLeavesRoomForASlowMachine() {
		assertThat(ReadinessPolicy.READY_TIMEOUT).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
	}

}
