package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.loadgen.ClosedLoopDriver;
import dev.twelvefactor.loadgen.LatencySummary;
import dev.twelvefactor.loadgen.LoadHttp;
import dev.twelvefactor.loadgen.Loopback;
import dev.twelvefactor.loadgen.TokenSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Orders placed end to end through the gateway (gateway, order-service,
 * inventory-service's reservation, both databases) by a fixed number of clients that each
 * place the next order once the last one is answered, with one and then two instances of
 * order-service.
 */
final class OrdersBench implements Benchmark {

	static final Duration WARM_UP = Duration.ofSeconds(10);
	static final Duration MEASURED = Duration.ofSeconds(20);

	@Override
	public String title() {
		return "Orders: end-to-end order creation";
	}

	@Override
	public String run(LocalPlatform platform, BenchContext context) {
		platform.runAdminTask(Service.INVENTORY, List.of("restock", "KB-001", "1000000")).requireSuccess();
		URI orders = Loopback.require(URI.create(platform.gatewayUrl() + Endpoints.ORDERS));
		TokenSource tokens = Endpoints.tokens(platform);
		ClosedLoopDriver driver = new ClosedLoopDriver(context.clients(), () -> placeOrder(orders, tokens));
		Map<Integer, LatencySummary> results = new LinkedHashMap<>();
		for (int instances = 1; instances <= 2; instances++) {
			if (instances == 2) {
				platform.scaleOut(Service.ORDER);
			}
			driver.run(WARM_UP);
			results.put(instances, driver.run(MEASURED));
			context.log("%d order-service instance(s): %s".formatted(instances, results.get(instances)));
		}
		MarkdownTable table = new MarkdownTable("order-service instances", "clients", "orders/s (2xx)", "non-2xx",
				"errors", "p50 (ms)", "p99 (ms)", "max (ms)");
		results.forEach((instances, result) -> table.row(instances, context.clients(),
				Stats.fixed(result.okPerSecond(), 1), result.non2xx(), result.errors(), Stats.fixed(result.p50(), 1),
				Stats.fixed(result.p99(), 1), Stats.fixed(result.max(), 1)));
		return """
				POST %s with a fresh Idempotency-Key and %s, through the gateway; %d clients in a closed loop (Java \
				HTTP/1.1 client), %d s measured after %d s of warm-up; one inventory-service instance, KB-001 \
				restocked first. Latency from send to answer at saturation.

				%s""".formatted(Endpoints.ORDERS, Endpoints.ORDER_BODY, context.clients(), MEASURED.toSeconds(),
				WARM_UP.toSeconds(), table.render());
	}

	/**
	 * As client load-generator, with its token (kept until shortly before it expires).
	 */
	static HttpRequest placeOrder(URI orders, TokenSource tokens) {
		return HttpRequest.newBuilder(orders)
			.timeout(LoadHttp.TIMEOUT)
			.header("Authorization", "Bearer " + tokens.accessToken())
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(Endpoints.ORDER_BODY))
			.build();
	}

}
