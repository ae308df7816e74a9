package dev.twelvefactor.launcher.orchestration;

import dev.twelvefactor.launcher.database.PlatformDatabase;
import dev.twelvefactor.launcher.process.ServiceInstance;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What goes wrong in production, on demand: a process killed without warning, the
 * database restarted under the services. The resilience tests inject these; the platform
 * must ride them out.
 */
public final class Faults {

	private final Consumer<String> log;

	private final Supplier<PlatformDatabase> database;

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
