package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.launcher.readiness.ReadinessProbe;
import dev.twelvefactor.loadgen.LoadResults;
import dev.twelvefactor.loadgen.RequestKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import dev.twelvefactor.system.TwoOfEach.RunsOnTwoOfEach;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.twelvefactor.system.ResilienceReport.seconds;
import static dev.twelvefactor.system.SharedPlatform.alive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The six fault scenarios, each under load from the load generator, on the one platform
 * of this test run, with two instances each of order-service and inventory-service. Every
 * scenario starts from the same state (every instance running and ready, the database up,
 * no PENDING order) and adds its row to the resilience report. Expected answers are 2xx
 * and 409 (insufficient stock); anything else a client sees after its own retries is a
 * failure.
 */
@ExtendWith(SharedPlatform.class)
@RunsOnTwoOfEach
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {

	static final ResilienceReport REPORT = ResilienceReport.SHARED;
	static final List<Service> SCALED = TwoOfEach.SCALED;

	static TwoOfEach scaled;

	/** The launcher's own probe: it knows the credentials Eureka asks for. */
	ReadinessProbe probe;

	@BeforeAll
	static void twoInstancesOfEachBusinessServiceAndStockForEveryScenario(LocalPlatform platform) throws Exception {
		scaled = TwoOfEach.scaleOutAndRestock(platform);
	}

	@BeforeEach
	void everyInstanceRunningAndNoOrderPending(LocalPlatform platform) {
		probe = platform.probe();
		platform.faults().thawAll();
		platform.faults().startDatabaseIfStopped();
		scaled.restartStopped(platform);
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> StockInvariant.ordersIn(platform, "PENDING") == 0);
	}

	@AfterAll
	static void report() {
		REPORT.write();
	}

	@Test
	@Order(1)
	void killingOneOfTwoOrderServiceInstancesIsInvisibleToClients(LocalPlatform platform) throws Exception {
		ServiceInstance victim = alive(platform, Service.ORDER).getLast();
		Instant since = Instant.now();
		Instant[] killedAt = new Instant[1];
		LoadResults results;
		Duration lastRequestAfterKill;
		Set<String> breakers;
		try (GatewayTraffic traffic = new GatewayTraffic(platform.instance(Service.GATEWAY).managementUrl(),
				platform.secrets().monitoring())) {
			results = UnderLoad.run(platform, () -> {
				// An instance that has been serving for a while, as in production: a kill
				// seconds after it started also finds it slow with a cold JIT, with a
				// pile of requests in flight.
				Thread.sleep(Duration.ofSeconds(10));
				platform.faults().kill(victim);
				killedAt[0] = Instant.now();
				// Longer than Eureka keeps the dead instance's lease: traffic must stay
				// off it all the while.
				Thread.sleep(Duration.ofSeconds(20));
			});
			lastRequestAfterKill = Duration.between(killedAt[0],
					traffic.lastRequestTo(victim.port()).orElse(killedAt[0]));
			breakers = traffic.breakersNotClosed();
		}
		OrderAudit audit = OrderAudit.of(platform, results, since);
		REPORT.add("1. kill -9 one of two order-service instances", results, audit,
				"last request to it " + seconds(lastRequestAfterKill) + " after the kill");

		assertThat(results.unexpected())
			.as(() -> LogDigest.describe("client-visible failures", platform, results, since))
			.isZero();
		assertThat(breakers).as("the order-service route's breaker never opens").isEmpty();
		assertThat(lastRequestAfterKill).as("no request to the dead instance 5 s after the kill")
			.isLessThanOrEqualTo(Duration.ofSeconds(5));
		assertNothingLostOrDuplicated(audit);
	}

	@Test
	@Order(2)
	void aRollingRestartOfEveryServiceButTheGatewayIsInvisibleToClients(LocalPlatform platform) throws Exception {
		Instant since = Instant.now();
		List<Duration> reroutes = new ArrayList<>();
		LoadResults results;
		try (GatewayTraffic traffic = new GatewayTraffic(platform.instance(Service.GATEWAY).managementUrl(),
				platform.secrets().monitoring())) {
			results = UnderLoad.run(platform, () -> {
				for (Service service : List.of(Service.DISCOVERY, Service.CONFIG, Service.INVENTORY, Service.ORDER)) {
					for (ServiceInstance instance : alive(platform, service)) {
						Instant stopping = Instant.now();
						platform.stop(instance);
						Thread.sleep(Duration.ofMillis(500));
						traffic.lastRequestTo(instance.port())
							.ifPresent(last -> reroutes.add(Duration.between(stopping, last)));
						platform.restart(instance);
					}
				}
			});
		}
		OrderAudit audit = OrderAudit.of(platform, results, since);
		Duration slowest = reroutes.stream().max(Duration::compareTo).orElse(Duration.ZERO);
		REPORT.add("2. rolling restart of discovery, config, 2 × inventory, 2 × order", results, audit,
				"gateway off a stopping instance within " + seconds(slowest) + " of its stop");

		assertThat(results.unexpected())
			.as(() -> LogDigest.describe("client-visible failures", platform, results, since))
			.isZero();
		assertThat(results.unexpectedAnswers())
			.as(() -> LogDigest.describe("unexpected answers, even those a client retry made good", platform, results,
					since))
			.isZero();
		assertNothingLostOrDuplicated(audit);
	}

	/**
	 * Nothing stands in front of the single local gateway: its restart is measured, not
	 * asserted.
	 */
	@Test
	@Order(3)
	void theGatewaysOwnRestartIsMeasured(LocalPlatform platform) throws Exception {
		Instant since = Instant.now();
		Duration[] restart = new Duration[1];
		LoadResults results = UnderLoad.run(platform, () -> {
			Instant stopping = Instant.now();
			platform.restart(platform.instance(Service.GATEWAY));
			restart[0] = Duration.between(stopping, Instant.now());
		});
		OrderAudit audit = OrderAudit.of(platform, results, since);
		REPORT.add("2b. gateway restart (measured, not asserted)", results, audit,
				"gateway back after " + seconds(restart[0]));
		assertNothingLostOrDuplicated(audit);
	}

	@Test
	@Order(4)
	void whileInventoryServiceIsDownOrdersAreAcceptedAndReconciledAfterwards(LocalPlatform platform) throws Exception {
		Http gateway = Callers.gateway(platform);
		Instant since = Instant.now();
		LoadResults results = UnderLoad.run(platform, () -> {
			List<ServiceInstance> inventory = alive(platform, Service.INVENTORY);
			inventory.forEach(platform::stop);
			Instant down = Instant.now();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> gateway.get("/api/inventory/products").statusCode() == 503);
			HttpResponse<String> unavailable = gateway.get("/api/inventory/products/KB-001");
			assertThat(unavailable.statusCode()).isEqualTo(503);
			assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
			Thread.sleep(Duration.between(Instant.now(), down.plusSeconds(30)));
			restartAll(platform, inventory);
		});
		OrderAudit audit = OrderAudit.of(platform, results, since);
		REPORT.add("3. inventory-service down for 30 s (/api/inventory: the documented 503)", results, audit,
				"every PENDING order reconciled " + seconds(audit.reconciledAfter()) + " after the load");

		assertThat(results.statuses(RequestKind.ORDER_CREATE).keySet()).as("no 5xx on /api/orders")
			.allSatisfy(status -> assertThat(status).isIn(200, 201, 202, 409));
		assertThat(results.statuses(RequestKind.ORDER_READ).keySet())
			.allSatisfy(status -> assertThat(status).isEqualTo(200));
		assertThat(results.statuses(RequestKind.PRODUCT_READ).keySet()).as("the documented 503 while it is down")
			.allSatisfy(status -> assertThat(status).isIn(200, 503));
		assertThat(results.unavailableWithoutRetryAfter()).isZero();
		assertNothingLostOrDuplicated(audit);
	}

	@Test
	@Order(5)
	void aDatabaseRestartGivesRetryableAnswersAndNoHalfWrittenOrder(LocalPlatform platform) throws Exception {
		Http gateway = Callers.gateway(platform);
		Instant since = Instant.now();
		Duration[] recovery = new Duration[1];
		LoadResults results = UnderLoad.run(platform, () -> {
			platform.faults().stopDatabase();
			ServiceInstance order = alive(platform, Service.ORDER).getFirst();
			await().atMost(Duration.ofSeconds(15))
				.until(() -> probe.status(order.managementUrl() + "/actuator/health/readiness") == 503);
			// Every answer is a 503 with Retry-After. Requests wait up to 2 s for a
			// connection, so an instance may be at its concurrency limit and refuse some
			// before any work ("Service overloaded"); the others say why.
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
				HttpResponse<String> placed = gateway.placeOrder("{\"lines\":[{\"sku\":\"KB-001\",\"quantity\":1}]}");
				assertThat(placed.statusCode()).as(placed.body()).isEqualTo(503);
				assertThat(placed.headers().firstValue("Retry-After")).isPresent();
				return placed.body().contains("Database unavailable");
			});
			Thread.sleep(Duration.ofSeconds(5));
			Instant back = Instant.now();
			platform.faults().startDatabase();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> SCALED.stream()
					.flatMap(service -> alive(platform, service).stream())
					.allMatch(
							instance -> probe.status(instance.managementUrl() + "/actuator/health/readiness") == 200));
			recovery[0] = Duration.between(back, Instant.now());
		});
		OrderAudit audit = OrderAudit.of(platform, results, since);
		REPORT.add("4. PostgreSQL restart", results, audit,
				"every instance ready " + seconds(recovery[0]) + " after the database");

		for (RequestKind kind : RequestKind.values()) {
			assertThat(results.statuses(kind).keySet())
				.as(kind + ": only 503 with Retry-After while the database is away")
				.allSatisfy(status -> assertThat(status).isIn(200, 201, 202, 409, 503));
		}
		assertThat(results.unavailableWithoutRetryAfter()).isZero();
		assertThat(audit.halfWritten()).as("orders without lines").isZero();
		assertNothingLostOrDuplicated(audit);
	}

	/**
	 * The documented choice: a service that cannot load its configuration fails fast (and
	 * is started again).
	 */
	@Test
	@Order(6)
	void withoutConfigServiceRunningServicesKeepWorkingAndARestartedOneFailsFast(LocalPlatform platform)
			throws Exception {
		Instant since = Instant.now();
		Duration[] exitedAfter = new Duration[1];
		LoadResults results = UnderLoad.run(platform, () -> {
			ServiceInstance config = platform.instance(Service.CONFIG);
			ServiceInstance order = alive(platform, Service.ORDER).getLast();
			platform.stop(config);
			Thread.sleep(Duration.ofSeconds(3));
			Instant restarting = Instant.now();
			assertThatThrownBy(() -> platform.restart(order)).hasMessageContaining("exited while starting");
			exitedAfter[0] = Duration.between(restarting, Instant.now());
			assertThat(Files.readString(order.logFile())).as("why it exited")
				.contains("ConfigClientFailFastException: Could not locate PropertySource");
			platform.restart(config);
			platform.restart(order);
		});
		OrderAudit audit = OrderAudit.of(platform, results, since);
		REPORT.add("5. config-service down; order-service restarted meanwhile", results, audit,
				"restarted instance failed fast after " + seconds(exitedAfter[0]));

		assertThat(results.unexpected())
			.as(() -> LogDigest.describe("client-visible failures", platform, results, since))
			.isZero();
		assertNothingLostOrDuplicated(audit);
	}

	@Test
	@Order(7)
	void withoutDiscoveryTrafficFlowsOnCachedRegistriesAndEveryInstanceRegistersAgain(LocalPlatform platform)
			throws Exception {
		Instant since = Instant.now();
		Duration[] reregistered = new Duration[1];
		LoadResults results = UnderLoad.run(platform, () -> {
			ServiceInstance discovery = platform.instance(Service.DISCOVERY);
			platform.stop(discovery);
			Thread.sleep(Duration.ofSeconds(10));
			Instant back = Instant.now();
			// Ready once it serves a registry again with every running instance in it.
			platform.restart(discovery);
			reregistered[0] = Duration.between(back, Instant.now());
		});
		OrderAudit audit = OrderAudit.of(platform, results, since);
		REPORT.add("6. discovery-service down 10 s and back", results, audit,
				"every instance registered again " + seconds(reregistered[0]) + " after its start");

		assertThat(results.unexpected())
			.as(() -> LogDigest.describe("client-visible failures", platform, results, since))
			.isZero();
		assertThat(results.unexpectedAnswers())
			.as(() -> LogDigest.describe("unexpected answers, even those a client retry made good", platform, results,
					since))
			.isZero();
		for (Service service : List.of(Service.CONFIG, Service.INVENTORY, Service.ORDER, Service.GATEWAY)) {
			assertThat(alive(platform, service)).allSatisfy(
					instance -> assertThat(probe.isUpInEureka(platform.eurekaUrl(), instance)).as(instance.name())
						.isTrue());
		}
		assertNothingLostOrDuplicated(audit);
	}

	static void assertNothingLostOrDuplicated(OrderAudit audit) {
		assertThat(audit.accepted()).as("orders the clients were told about").isPositive();
		assertThat(audit.lost()).as("orders lost").isZero();
		assertThat(audit.duplicates()).as("duplicate orders").isZero();
		assertThat(audit.invariantHolds()).as("reserved = Σ CONFIRMED quantities, never above on hand").isTrue();
	}

	private static void restartAll(LocalPlatform platform, List<ServiceInstance> instances) throws Exception {
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> started = new ArrayList<>();
			for (ServiceInstance instance : instances) {
				started.add(executor.submit(() -> platform.restart(instance)));
			}
			for (var future : started) {
				future.get();
			}
		}
	}

}
