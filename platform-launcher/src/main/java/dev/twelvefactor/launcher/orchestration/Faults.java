package dev.twelvefactor.launcher.orchestration;

import dev.twelvefactor.launcher.database.PlatformDatabase;
import dev.twelvefactor.launcher.process.ServiceInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What goes wrong in production, on demand: a process killed without warning, a process
 * that hangs (a gray failure: it still accepts connections), the database restarted under
 * the services. The resilience tests inject these; the platform must ride them out.
 */
public final class Faults {

	private final Consumer<String> log;

	private final Supplier<PlatformDatabase> database;

	/** Instances frozen and not thawed yet, so that a failed scenario can thaw them. */
	private final Set<ServiceInstance> frozen = ConcurrentHashMap.newKeySet();

	Faults(Consumer<String> log, Supplier<PlatformDatabase> database) {
		this.log = log;
		this.database = database;
	}

	/** SIGKILL, as a crash or an OOM kill would: no shutdown hook runs. */
	public void kill(ServiceInstance instance) {
		log.accept("Killing " + instance + " (SIGKILL)");
		instance.kill();
	}

	/**
	 * SIGSTOP: the process hangs as one stuck in a long GC pause, a deadlock or a
	 * swapped-out host would. Unlike a dead process, the kernel still accepts connections
	 * on its ports, so a caller finds out only by waiting for an answer.
	 */
	public void freeze(ServiceInstance instance) {
		log.accept("Freezing " + instance + " (SIGSTOP)");
		frozen.add(instance);
		signal(instance, "STOP");
	}

	/** SIGCONT: the frozen process runs on where it stopped. */
	public void thaw(ServiceInstance instance) {
		log.accept("Thawing " + instance + " (SIGCONT)");
		signal(instance, "CONT");
		frozen.remove(instance);
	}

	/** Thaws every instance a scenario froze and did not thaw (it failed half way). */
	public void thawAll() {
		frozen.forEach(this::thaw);
	}

	/**
	 * A slow instance, not a dead one: frozen for {@code stopped}, running for
	 * {@code running}, over and over, until the returned cycle is closed (it then runs
	 * on). Frozen nine tenths of the time, it answers about ten times slower. Real
	 * slowness of the whole process, not a test-only delay in the product.
	 */
	public DutyCycle slowDown(ServiceInstance instance, Duration stopped, Duration running) {
		log.accept("Slowing " + instance + " down (SIGSTOP " + stopped.toMillis() + " ms, SIGCONT " + running.toMillis()
				+ " ms)");
		return new DutyCycle(instance, stopped, running);
	}

	/** A running SIGSTOP/SIGCONT cycle of one instance; close() leaves it running. */
	public final class DutyCycle implements AutoCloseable {

		private final ServiceInstance instance;

		private final Thread cycle;

		private DutyCycle(ServiceInstance instance, Duration stopped, Duration running) {
			this.instance = instance;
			this.cycle = Thread.ofPlatform().daemon().name("duty-cycle-" + instance.name()).start(() -> {
				try {
					while (!Thread.currentThread().isInterrupted()) {
						frozen.add(instance);
						signal(instance, "STOP");
						Thread.sleep(stopped);
						signal(instance, "CONT");
						Thread.sleep(running);
					}
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			});
		}

		@Override
		public void close() throws InterruptedException {
			cycle.interrupt();
			cycle.join();
			thaw(instance);
		}

	}

	/** By pid, the process this launcher started: never by name. */
	private static void signal(ServiceInstance instance, String signal) {
		if (!instance.isAlive()) {
			return;
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(instance.pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + instance.pid() + " failed");
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while signalling " + instance, e);
		}
	}

	/**
	 * Stops PostgreSQL as an operator would for a restart (fast shutdown: open
	 * transactions are rolled back).
	 */
	public void stopDatabase() {
		database.get().stop();
	}

	/**
	 * Starts PostgreSQL again with the same data and on the same port, so that the
	 * services reconnect by themselves.
	 */
	public void startDatabase() {
		database.get().restart();
	}

	/** Undoes {@link #stopDatabase()} of a scenario that failed half way. */
	public void startDatabaseIfStopped() {
		synchronized (database.get()) {
			if (database.get().isStopped()) {
				startDatabase();
			}
		}
	}

}
