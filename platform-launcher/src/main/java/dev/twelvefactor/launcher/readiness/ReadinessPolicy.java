package dev.twelvefactor.launcher.readiness;

import dev.twelvefactor.launcher.Pause;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.process.ServiceInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Ready means: readiness group UP and, for Eureka clients, listed as UP in Eureka and
 * seen in the registry copy of every running instance of its callers (the gateway,
 * order-service), so that they can route to it.
 */
public final class ReadinessPolicy {

	/**
	 * How long one instance may take to become ready: generous, since a 2-core machine
	 * starts several at once.
	 */
	public static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

	private final ReadinessProbe probe;

	private final Function<Service, List<ServiceInstance>> instances;

	private final Supplier<String> eurekaUrl;

	/**
	 * {@code instances}: every instance of a service the platform runs, stopped ones too.
	 */
	public ReadinessPolicy(ReadinessProbe probe, Function<Service, List<ServiceInstance>> instances,
			Supplier<String> eurekaUrl) {
		this.probe = probe;
		this.instances = instances;
		this.eurekaUrl = eurekaUrl;
	}

	/**
	 * Waits until the instance is ready; refuses, with the end of its log, when it exits
	 * or takes too long.
	 */
	public void awaitReady(ServiceInstance instance) {
		await(instance, this::isReady, Duration.ofMillis(250));
	}

	/**
	 * Waits until the instance's own readiness group is UP: its JVM has done the work of
	 * starting, what is left (Eureka listing it, callers fetching it) only waits.
	 */
	public void awaitStarted(ServiceInstance instance) {
		await(instance, started -> started.isAlive() && probe.isReady(started), Duration.ofMillis(100));
	}

	private void await(ServiceInstance instance, Predicate<ServiceInstance> condition, Duration interval) {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (!condition.test(instance)) {
			if (!instance.isAlive()) {
				throw new IllegalStateException(instance.name() + " exited while starting. Last lines of "
						+ instance.logFile() + ":" + System.lineSeparator() + instance.logTail(40));
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(
						instance.name() + " was not ready within " + READY_TIMEOUT + ". Last lines of "
								+ instance.logFile() + ":" + System.lineSeparator() + instance.logTail(40));
			}
			Pause.sleep(interval);
		}
	}

	public boolean isReady(ServiceInstance instance) {
		if (!instance.isAlive() || !probe.isReady(instance)) {
			return false;
		}
		if (instance.service() == Service.DISCOVERY) {
			return holdsEveryRunningInstance();
		}
		return !instance.service().registersInEureka()
				|| probe.isUpInEureka(eurekaUrl.get(), instance) && isKnownToEveryCaller(instance);
	}

	/**
	 * A restarted Eureka server is ready once it serves its registry again with every
	 * running instance in it (they register again on their next heartbeat); before that
	 * it refuses to serve an empty registry.
	 */
	private boolean holdsEveryRunningInstance() {
		return Stream.of(Service.values())
			.filter(Service::registersInEureka)
			.flatMap(service -> instances.apply(service).stream())
			.filter(other -> other.isAlive() && probe.isReady(other))
			.allMatch(other -> probe.isUpInEureka(eurekaUrl.get(), other));
	}

	private boolean isKnownToEveryCaller(ServiceInstance instance) {
		long running = instances.apply(instance.service()).stream().filter(ServiceInstance::isAlive).count();
		return instance.service()
			.callers()
			.stream()
			.flatMap(caller -> instances.apply(caller).stream())
			.filter(caller -> caller.isAlive() && probe.isReady(caller))
			.allMatch(caller -> probe.instancesSeenBy(caller, instance.service().applicationName()) >= running);
	}

}
