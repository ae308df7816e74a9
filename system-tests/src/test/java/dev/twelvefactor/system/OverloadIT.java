package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.loadgen.ClosedLoopDriver;
import dev.twelvefactor.loadgen.LatencySummary;
import dev.twelvefactor.loadgen.LoadHttp;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Past saturation the platform keeps doing the work it can and refuses the rest fast; the
 * order list never starves its own connection pool. Closed loops of clients through the
 * gateway, each client with its own subject (so that the gateway's per-client rate limit
 * is not what is measured). Rows 8, 8b and 9 of the resilience report.
 */
@ExtendWith(SharedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverloadIT {

	static final ResilienceReport REPORT = ResilienceReport.SHARED;

	static final Duration STEP = Saturation.STEP;

	static final String ONE_KEYBOARD = "{\"lines\":[{\"sku\":\"KB-001\",\"quantity\":1}]}";

	/** Subjects sharing the list scenario's orders: 8 per-client rate limits. */
	static final int LIST_OWNERS = 8;

	static final int ORDERS_PER_OWNER = 3000;

	@AfterAll
	static void report(LocalPlatform platform) {
		REPORT.write();
		Sql.execute(platform, "delete from order_line where order_id in "
				+ "(select id from orders where owner like 'list-reader-%')");
		Sql.execute(platform, "delete from orders where owner like 'list-reader-%'");
	}

	@Test
	@Order(1)
	void atFourTimesThePeakConcurrencyGoodputHoldsAndTheRestIsRefusedFast(LocalPlatform platform) throws Exception {
		assertThat(platform.runAdminTask(Service.INVENTORY, List.of("restock", "KB-001", "100000")).exitCode())
			.isZero();
		Saturation orders = Saturation.measure(placeOrders(platform));
		REPORT.addLine("8. overload: %d order creators (4 × the peak at %d)".formatted(orders.overloaders(),
				orders.peakClients()), orders.figures());
		printRefusalsByLayer(platform);

		orders.assertHolds(0.6);
		// The orders inventory-service could not take during the burst wait as PENDING;
		// the reconciler drains them batch after batch once it answers again.
		try {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> StockInvariant.ordersIn(platform, "PENDING") == 0);
		}
		catch (ConditionTimeoutException stillPending) {
			throw new AssertionError("%d orders still PENDING a minute after the burst (served %s)%n%s".formatted(
					StockInvariant.ordersIn(platform, "PENDING"), orders.outcomes().statuses(),
					LogDigest.since(platform, orders.burstStarted())), stillPending);
		}
		assertThat(StockInvariant.reservedBySku(platform)).as("reserved = Σ CONFIRMED quantities")
			.isEqualTo(StockInvariant.expectedReservedBySku(platform));
	}

	/**
	 * The gateway itself saturated: a product read costs inventory-service one indexed
	 * row, so the gateway (token validation, rate limit, breaker, routing) is where the
	 * CPU goes. Each request names one of many subjects, so that no client meets its own
	 * rate limit: what is measured is the gateway's capacity, not a client's quota.
	 */
	@Test
	@Order(2)
	void atFourTimesThePeakConcurrencyTheGatewayHoldsItsGoodputToo(LocalPlatform platform) throws Exception {
		ForgedTokens tokens = SecurityIT.forgedTokens(platform);
		List<String> bearers = IntStream.range(0, 256)
			.mapToObj(i -> tokens.bearer("catalogue-reader-" + i, List.of("orders.read")))
			.toList();
		AtomicInteger sent = new AtomicInteger();
		URI product = URI.create(platform.gatewayUrl() + "/api/inventory/products/KB-001");
		Supplier<HttpRequest> readProduct = () -> HttpRequest.newBuilder(product)
			.timeout(LoadHttp.TIMEOUT)
			.header("Authorization", bearers.get(Math.floorMod(sent.getAndIncrement(), bearers.size())))
			.GET()
			.build();

		Saturation reads = Saturation.measure(readProduct);
		REPORT.addLine("8b. the gateway overloaded: %d product readers (4 × the peak at %d)"
			.formatted(reads.overloaders(), reads.peakClients()), reads.figures());
		printRefusalsByLayer(platform);

		// The target is 90 % of the peak, met in the runs measured
		// (90-115 %); a run whose steps end before the gateway saturates
		// (the peak at 32 readers, still climbing) compares with a peak of
		// the slope. Asserted: 80 %.
		reads.assertHolds(0.8);
	}

	@Test
	@Order(3)
	void sixtyFourClientsReadTheOrderListWithoutErrorsAndAtLeastAsFastAsEight(LocalPlatform platform)
			throws InterruptedException {
		Sql.execute(platform, """
				insert into orders (id, owner, status, total, reason, created_at, updated_at)
				select gen_random_uuid(), 'list-reader-' || (g %% %d), 'CANCELLED', 42.00, null,
				       now() - g * interval '1 second', now() - g * interval '1 second'
				from generate_series(1, %d) g""".formatted(LIST_OWNERS, LIST_OWNERS * ORDERS_PER_OWNER));
		Sql.execute(platform, """
				insert into order_line (order_id, sku, quantity, unit_price)
				select o.id, sku, 1, 14.00 from orders o
				cross join (values ('KB-001'), ('MS-002'), ('MN-003')) skus(sku)
				where o.owner like 'list-reader-%'""");
		ForgedTokens tokens = SecurityIT.forgedTokens(platform);
		Map<Integer, String> bearers = new ConcurrentHashMap<>();
		AtomicInteger clients = new AtomicInteger();
		ThreadLocal<Integer> owner = ThreadLocal.withInitial(() -> clients.getAndIncrement() % LIST_OWNERS);
		URI page = URI.create(platform.gatewayUrl() + "/api/orders?size=100");
		Supplier<HttpRequest> readPage = () -> HttpRequest.newBuilder(page)
			.timeout(LoadHttp.TIMEOUT)
			.header("Authorization",
					bearers.computeIfAbsent(owner.get(),
							index -> tokens.bearer("list-reader-" + index, List.of("orders.read"))))
			.GET()
			.build();

		new ClosedLoopDriver(8, readPage).run(STEP);
		LatencySummary eight = new ClosedLoopDriver(8, readPage).run(STEP.multipliedBy(3));
		ByStatus outcomes = new ByStatus();
		RefusalCheck refusals = RefusalCheck.during(readPage);
		double seconds = new ClosedLoopDriver(64, readPage).run(STEP.multipliedBy(3), outcomes::of);
		List<String> badRefusals = refusals.stop();
		LatencySummary sixtyFour = outcomes.served().summary(seconds);
		REPORT.addLine(
				"9. order list, %d orders per client, pages of 100: 8 then 64 clients".formatted(ORDERS_PER_OWNER),
				"8 clients %.1f pages/s (p99 %.0f ms); 64 clients %.1f pages/s (p99 %.0f ms), "
					.formatted(eight.okPerSecond(), eight.p99(), sixtyFour.okPerSecond(), sixtyFour.p99())
						+ "statuses %s".formatted(outcomes.statuses()));

		assertThat(eight.ok()).as("pages read by 8 clients").isPositive();
		assertThat(eight.non2xx() + eight.errors()).as("errors with 8 clients").isZero();
		// A page is never lost to a starved pool or a timeout. Past what this machine
		// serves at once, an instance may refuse a read (503 with Retry-After, before any
		// work); the client reads it again after the wait, as every refused client does.
		// The 64 clients share 8 owners: where eight of them read more than an owner's
		// rate limit (100 a second; a clean-clone run served 716 pages/s), the gateway
		// refuses the excess as it refuses any client (429 with Retry-After).
		assertThat(outcomes.noAnswer()).as("reads that got no answer").isZero();
		assertThat(outcomes.statuses().keySet()).as("every answer to 64 clients: a page, or a refusal to retry")
			.isSubsetOf(200, 429, 503);
		assertThat(badRefusals).as("refusals without problem+json and Retry-After").isEmpty();
		// "At least the throughput of 8 clients", within the noise of two runs of 12 s on
		// a 2-core machine: 64 clients read 93-137% of the pages 8 read over five runs.
		// Before, 64 clients starved the pool: 4.7 requests/s, 66 timeouts.
		assertThat(sixtyFour.okPerSecond()).as("pages/s with 64 clients vs 8")
			.isGreaterThanOrEqualTo(0.9 * eight.okPerSecond());
	}

	private static void printRefusalsByLayer(LocalPlatform platform) {
		platform.prometheusUrl().map(Prometheus::new).ifPresent(prometheus -> {
			// Which layer refused: the gateway's route limit or a service instance's.
			System.out.println("Refusals so far: gateway " + prometheus.query("sum by (route) (gateway_refusals_total)")
					+ ", services "
					+ prometheus.query("sum by (application) (http_server_concurrency_refusals_total)"));
		});
	}

	private static Supplier<HttpRequest> placeOrders(LocalPlatform platform) {
		ForgedTokens tokens = SecurityIT.forgedTokens(platform);
		URI orders = URI.create(platform.gatewayUrl() + "/api/orders");
		ThreadLocal<String> bearer = ThreadLocal
			.withInitial(() -> tokens.bearer("overload-" + UUID.randomUUID(), List.of("orders.read", "orders.write")));
		return () -> HttpRequest.newBuilder(orders)
			.timeout(LoadHttp.TIMEOUT)
			.header("Authorization", bearer.get())
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(ONE_KEYBOARD))
			.build();
	}

}
