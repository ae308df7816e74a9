package dev.twelvefactor.system;

import dev.twelvefactor.platform.load.LoadGenerator;
import dev.twelvefactor.platform.process.Platform;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs a scenario's faults while the load generator drives the public API through the gateway, the same generator
 * as {@code ./platform load}: load starts first, the faults run on the calling thread, and the load goes on for a
 * few seconds after them, so that recovery is under load too.
 */
final class UnderLoad {

    /** Moderate for a 2-core machine running nine processes: every fault is seen by hundreds of requests. */
    static final int RATE = 25;
    static final Duration SETTLE = Duration.ofSeconds(3);
    static final Duration AFTER = Duration.ofSeconds(3);

    interface Faults {
        void run() throws Exception;
    }

    private UnderLoad() {
    }

    static LoadGenerator.Results run(Platform platform, Faults faults) throws Exception {
        LoadGenerator generator = new LoadGenerator(LoadGenerator.Settings.of(platform.gatewayUrl(), RATE, Duration.ofMinutes(10)));
        CompletableFuture<LoadGenerator.Results> load = CompletableFuture.supplyAsync(() -> {
            try {
                return generator.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, command -> Thread.ofVirtual().start(command));
        try {
            Thread.sleep(SETTLE);
            faults.run();
            Thread.sleep(AFTER);
        } finally {
            generator.stop();
        }
        try {
            LoadGenerator.Results results = load.get();
            System.out.print(results.summary());
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
