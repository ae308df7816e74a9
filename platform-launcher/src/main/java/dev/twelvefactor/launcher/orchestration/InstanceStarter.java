package dev.twelvefactor.launcher.orchestration;

import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.launcher.readiness.ReadinessPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Starts instances and tells when they have started (their readiness group is UP) and
 * when they are ready and routable.
 * <p>
 * A starting JVM keeps about two cores busy: its main thread and its JIT compilers. More
 * JVMs starting at once than the machine has pairs of cores only slow each other down (on
 * 2 cores the whole platform was ready in 54 s with each group started at once, in 29 s
 * one JVM after the other). So instances take a start slot, one per two cores, in the
 * order they are given, and give it back as soon as they have started; waiting for Eureka
 * and the callers to list them takes no slot.
 */
final class InstanceStarter {

	private final ReadinessPolicy readiness;

	private final Consumer<String> log;

	private final BooleanSupplier stopping;

	private final Semaphore startSlots;

	InstanceStarter(ReadinessPolicy readiness, Consumer<String> log, BooleanSupplier stopping) {
		this(readiness, log, stopping, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
	}

	InstanceStarter(ReadinessPolicy readiness, Consumer<String> log, BooleanSupplier stopping, int startSlots) {
		this.readiness = readiness;
		this.log = log;
		this.stopping = stopping;
		this.startSlots = new Semaphore(startSlots, true);
	}

	/**
	 * Starts the instances in order, each once a start slot is free; returns when the
	 * last one has been started, with what is left to wait for.
	 */
	Starting start(List<ServiceInstance> group) {
		List<Starting.Progress> progress = group.stream().map(this::startWhenSlotFree).toList();
		return new Starting(progress);
	}

	/** Starts one instance and waits until it is ready and routable. */
	void startAndAwait(ServiceInstance instance) {
		start(List.of(instance)).awaitReady();
	}

	private Starting.Progress startWhenSlotFree(ServiceInstance instance) {
		acquireSlot(instance);
		try {
			if (stopping.getAsBoolean()) {
				throw new IllegalStateException("The platform is stopping; " + instance.name() + " is not started");
			}
			instance.start();
		}
		catch (RuntimeException | Error ex) {
			startSlots.release();
			throw ex;
		}
		log.accept("Started " + instance);
		Starting.Progress progress = new Starting.Progress();
		Thread.ofVirtual().name("await-" + instance.name()).start(() -> awaitInBackground(instance, progress));
		return progress;
	}

	private void awaitInBackground(ServiceInstance instance, Starting.Progress progress) {
		try {
			readiness.awaitStarted(instance);
			progress.started().complete(null);
		}
		catch (RuntimeException | Error ex) {
			progress.started().completeExceptionally(ex);
			progress.ready().completeExceptionally(ex);
			return;
		}
		finally {
			startSlots.release();
		}
		try {
			readiness.awaitReady(instance);
			log.accept("%s ready in %.1f s".formatted(instance.name(),
					Duration.between(instance.startedAt(), Instant.now()).toMillis() / 1000.0));
			progress.ready().complete(null);
		}
		catch (RuntimeException | Error ex) {
			progress.ready().completeExceptionally(ex);
		}
	}

	private void acquireSlot(ServiceInstance instance) {
		try {
			startSlots.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted before starting " + instance.name(), ex);
		}
	}

	/** A group of instances on their way: started, then ready. */
	record Starting(List<Progress> instances) {

		/** Returns when every instance's readiness group is UP. */
		void awaitStarted() {
			instances.forEach(progress -> join(progress.started()));
		}

		/** Returns when every instance is ready and routable. */
		void awaitReady() {
			instances.forEach(progress -> join(progress.ready()));
		}

		private static void join(CompletableFuture<Void> step) {
			try {
				step.join();
			}
			catch (CompletionException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
						: new IllegalStateException(ex.getCause());
			}
		}

		record Progress(CompletableFuture<Void> started, CompletableFuture<Void> ready) {

			Progress() {
				this(new CompletableFuture<>(), new CompletableFuture<>());
			}

		}

	}

}
