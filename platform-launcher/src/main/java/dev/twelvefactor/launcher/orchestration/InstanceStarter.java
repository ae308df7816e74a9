package dev.twelvefactor.launcher.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.launcher.readiness.ReadinessPolicy;

/**
 * Starts instances and waits until each is ready and routable, one at a time or a group
 * in parallel (services that do not need each other start together, which is most of what
 * makes the whole platform start fast).
 */
final class InstanceStarter {

	private final ReadinessPolicy readiness;

	private final Consumer<String> log;

	private final BooleanSupplier stopping;

	InstanceStarter(ReadinessPolicy readiness, Consumer<String> log, BooleanSupplier stopping) {
		this.readiness = readiness;
		this.log = log;
		this.stopping = stopping;
	}

	/** Starts every instance of the group at once; returns when all are ready. */
	void startInParallel(List<ServiceInstance> group) {
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> started = new ArrayList<>();
			group.forEach(instance -> started.add(executor.submit(() -> startAndAwait(instance))));
			for (Future<?> future : started) {
				future.get();
			}
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting " + group, ex);
		}
	}

	/** Refused once the platform is stopping: nothing would stop the new process. */
	void startAndAwait(ServiceInstance instance) {
		if (stopping.getAsBoolean()) {
			throw new IllegalStateException("The platform is stopping; " + instance.name() + " is not started");
		}
		instance.start();
		log.accept("Started " + instance);
		readiness.awaitReady(instance);
		log.accept("%s ready in %.1f s".formatted(instance.name(),
				Duration.between(instance.startedAt(), Instant.now()).toMillis() / 1000.0));
	}

}
