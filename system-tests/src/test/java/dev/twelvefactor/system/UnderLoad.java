package dev.twelvefactor.system;

import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.secrets.Client;
import dev.twelvefactor.loadgen.LoadGenerator;
import dev.twelvefactor.loadgen.LoadResults;
import dev.twelvefactor.loadgen.LoadSettings;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs a scenario's faults while the load generator drives the public API through the
 * gateway, the same generator as {@code ./platform load}: load starts first, the faults
 * run on the calling thread, and the load goes on for a few seconds after them, so that
 * recovery is under load too.
 */
final class UnderLoad {

	/**
	 * Moderate for a 2-core machine running nine processes: every fault is seen by
	 * hundreds of requests.
	 */
	static final int RATE = 25;
	static final Duration SETTLE = Duration.ofSeconds(3);
	static final Duration AFTER = Duration.ofSeconds(3);

	interface Faults {

		void run() throws Exception;

	}

	private UnderLoad() {
	}

	static LoadResults run(LocalPlatform platform, Faults faults) throws Exception {
		return run(platform, RATE, faults);
	}

	/**
	 * Half the rate for a while, with no fault: instances that have just started serve
	 * their first requests with a cold JIT, some too slowly for the gateway's timeout; in
	 * production they take traffic for a while before anything goes wrong, and so they do
	 * here before the first scenario.
	 */
	static void warmUp(LocalPlatform platform, Duration duration) throws Exception {
		run(platform, RATE / 2, () -> Thread.sleep(duration));
	}

	private static LoadResults run(LocalPlatform platform, int rate, Faults faults) throws Exception {
		LoadGenerator generator = new LoadGenerator(
				LoadSettings.of(platform.gatewayUrl(), rate, Duration.ofMinutes(10)),
				Callers.tokens(platform, Client.LOAD_GENERATOR));
		CompletableFuture<LoadResults> load = CompletableFuture.supplyAsync(() -> {
			try {
				return generator.run();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}, command -> Thread.ofVirtual().start(command));
		try {
			Thread.sleep(SETTLE);
			faults.run();
			Thread.sleep(AFTER);
		}
		finally {
			generator.stop();
		}
		try {
			LoadResults results = load.get();
			System.out.print(results.summary());
			return results;
		}
		catch (ExecutionException e) {
			throw new IllegalStateException(e.getCause());
		}
	}

}
