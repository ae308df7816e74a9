package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.launcher.secrets.Client;
import dev.twelvefactor.loadgen.LoadGenerator;
import dev.twelvefactor.loadgen.LoadResults;
import dev.twelvefactor.loadgen.LoadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static dev.twelvefactor.system.SharedPlatform.alive;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak: steady load for {@code soak.minutes} while, every 30 s, one instance of
 * order-service or inventory-service is killed (-9) or stopped gracefully, and started
 * again. Run by {@code scripts/soak.sh}; not part of {@code ./mvnw verify} (it runs only
 * when {@code soak.minutes} is set).
 */
@ExtendWith(SharedPlatform.class)
@EnabledIfSystemProperty(named = "soak.minutes", matches = "\\d+")
class SoakIT {

	@Test
	void clientsSeeNoFailureAndNoOrderIsLostWhileInstancesComeAndGo(LocalPlatform platform) throws Exception {
		Duration soak = Duration.ofMinutes(Long.getLong("soak.minutes"));
		int rate = Integer.getInteger("soak.rate", 25);
		for (Service service : List.of(Service.ORDER, Service.INVENTORY)) {
			while (alive(platform, service).size() < 2) {
				platform.scaleOut(service);
			}
		}
		platform.runAdminTask(Service.INVENTORY, List.of("restock", "KB-001", "100000", "MS-002", "100000", "MN-003",
				"100000", "HS-004", "100000", "CB-005", "100000", "DK-006", "100000"));
		Instant since = Instant.now();
		LoadGenerator generator = new LoadGenerator(LoadSettings.of(platform.gatewayUrl(), rate, soak),
				Callers.tokens(platform, Client.LOAD_GENERATOR));
		CompletableFuture<LoadResults> load = CompletableFuture.supplyAsync(() -> {
			try {
				return generator.run();
			}
			catch (InterruptedException e) {
				throw new IllegalStateException(e);
			}
		}, command -> Thread.ofVirtual().start(command));
		int faults = 0;
		Instant end = since.plus(soak).minusSeconds(30);
		while (Instant.now().isBefore(end)) {
			Thread.sleep(Duration.ofSeconds(30));
			Service service = faults % 2 == 0 ? Service.ORDER : Service.INVENTORY;
			List<ServiceInstance> running = alive(platform, service);
			ServiceInstance victim = running.get(ThreadLocalRandom.current().nextInt(running.size()));
			if (faults % 4 < 2) {
				platform.faults().kill(victim);
			}
			else {
				platform.stop(victim);
			}
			platform.restart(victim);
			faults++;
		}
		LoadResults results = load.get();
		OrderAudit audit = OrderAudit.of(platform, results, since);
		String report = """
				# Soak report

				%d min at %d requests/s, %d faults (kill -9 and graceful restarts of order-service and inventory-service)

				```
				%s```

				| orders accepted | orders lost | duplicate orders | invariant |
				|---:|---:|---:|---|
				| %d | %d | %d | %s |
				"""
			.formatted(soak.toMinutes(), rate, faults, results.summary(), audit.accepted(), audit.lost(),
					audit.duplicates(), audit.invariantHolds() ? "holds" : "BROKEN");
		System.out.println(report);
		Files.writeString(Files.createDirectories(Path.of("target")).resolve("soak-report.md"), report);

		assertThat(results.unexpected()).as("client-visible failures").isZero();
		assertThat(audit.lost()).isZero();
		assertThat(audit.duplicates()).isZero();
		assertThat(audit.invariantHolds()).isTrue();
	}

}
