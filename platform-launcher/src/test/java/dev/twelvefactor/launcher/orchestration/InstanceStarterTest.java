package dev.twelvefactor.launcher.orchestration;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.launcher.readiness.ReadinessPolicy;
import dev.twelvefactor.launcher.readiness.ReadinessProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Start slots, with idle processes standing in for the instances and a probe that says an
 * instance has started when the test says so.
 */
class InstanceStarterTest {

	@TempDir
	Path folder;

	final List<ServiceInstance> instances = new ArrayList<>();

	final Set<ServiceInstance> started = ConcurrentHashMap.newKeySet();

	final List<String> log = new CopyOnWriteArrayList<>();

	final InstanceStarter starter = new InstanceStarter(
			new ReadinessPolicy(new StartedWhenTold(), service -> List.of(), () -> "http://127.0.0.1:1/eureka/"),
			log::add, () -> false, 1);

	@AfterEach
	void stop() {
		instances.forEach(ServiceInstance::kill);
	}

	@Test
	void withOneSlotTheNextInstanceStartsOnceThePreviousHasStarted() throws Exception {
		TwoStarting two = startTwoUntilTheFirstIsAlive();
		ServiceInstance first = two.first();
		ServiceInstance second = two.second();
		// Several of the starter's 100 ms polls: the slot stays taken.
		Thread.sleep(500);
		assertThat(second.isAlive()).isFalse();

		started.add(first);
		await().atMost(Duration.ofSeconds(10)).until(second::isAlive);
		started.add(second);
		two.starting().get().awaitReady();
		assertThat(log).containsSubsequence("Started " + first, "Started " + second);
	}

	@Test
	void anInstanceThatExitsGivesItsSlotBackAndItsGroupSaysWhy() throws Exception {
		TwoStarting two = startTwoUntilTheFirstIsAlive();
		ServiceInstance failing = two.first();
		ServiceInstance next = two.second();
		failing.kill();
		await().atMost(Duration.ofSeconds(10)).until(next::isAlive);
		started.add(next);
		assertThatThrownBy(() -> two.starting().get().awaitStarted()).hasMessageContaining("exited while starting")
			.hasMessageContaining(failing.name());
	}

	/** Two instances of one group, started in order through the one slot. */
	private TwoStarting startTwoUntilTheFirstIsAlive() {
		ServiceInstance first = instance(Service.DISCOVERY, 1);
		ServiceInstance second = instance(Service.DISCOVERY, 2);
		CompletableFuture<InstanceStarter.Starting> starting = CompletableFuture
			.supplyAsync(() -> starter.start(List.of(first, second)));
		await().atMost(Duration.ofSeconds(10)).until(first::isAlive);
		return new TwoStarting(first, second, starting);
	}

	record TwoStarting(ServiceInstance first, ServiceInstance second,
			CompletableFuture<InstanceStarter.Starting> starting) {
	}

	private ServiceInstance instance(Service service, int index) {
		String name = service.applicationName() + "-" + index;
		ServiceInstance instance = new ServiceInstance(service, index, 1, 2, List.of("sleep", "60"), Map.of(), folder,
				folder.resolve(name + ".log"), folder.resolve(name + ".pid"));
		instances.add(instance);
		return instance;
	}

	final class StartedWhenTold extends ReadinessProbe {

		StartedWhenTold() {
			super(() -> {
				throw new AssertionError("this probe asks nobody, with no credentials");
			});
		}

		@Override
		public boolean isReady(ServiceInstance instance) {
			return started.contains(instance);
		}

	}

}
