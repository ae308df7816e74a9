package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The platform as a user meets it: everything through the gateway, routed by Eureka. */
@ExtendWith(SharedPlatform.class)
class WalkingSkeletonIT {

	@Test
	void browsesProductsAndPlacesAnOrderThroughTheGateway(LocalPlatform platform) {
		Http gateway = Callers.gateway(platform);
		// What the services logged in the last minute, should the order not be confirmed:
		// the cause (an open breaker, a refused token) is logged before the order.
		Instant lately = Instant.now().minus(Duration.ofMinutes(1));

		HttpResponse<String> products = gateway.get("/api/inventory/products");
		assertThat(products.statusCode()).isEqualTo(200);
		assertThat(products.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).contains("application/json"));
		assertThat(products.body()).contains("\"sku\":\"KB-001\"");

		HttpResponse<String> placed = gateway.placeOrder("{\"lines\":[{\"sku\":\"CB-005\",\"quantity\":3}]}");
		assertThat(placed.statusCode())
			.as(() -> placed.body() + System.lineSeparator() + LogDigest.since(platform, lately))
			.isEqualTo(201);
		assertThat(placed.body()).contains("\"status\":\"CONFIRMED\"");
		// The Location is the gateway's address, never an internal instance's.
		String location = placed.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(platform.gatewayUrl() + "/api/orders/");

		HttpResponse<String> order = gateway.get(location.substring(platform.gatewayUrl().length()));
		assertThat(order.statusCode()).isEqualTo(200);
		assertThat(order.body()).contains("\"unitPrice\":9.9");
		assertThat(gateway.get("/api/orders?status=CONFIRMED").body())
			.contains(location.substring(location.lastIndexOf('/') + 1));
	}

	@Test
	void withInventoryDownTheGatewayAnswers503ProblemAndOrdersWaitAsPending(LocalPlatform platform) throws Exception {
		Http gateway = Callers.gateway(platform);
		ServiceInstance inventory = platform.instance(Service.INVENTORY);
		String pendingLocation;
		try {
			platform.stop(inventory);

			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				HttpResponse<String> products = gateway.get("/api/inventory/products");
				assertThat(products.statusCode()).isEqualTo(503);
				assertThat(products.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(products.body()).contains("inventory-service is unavailable");
			});
			// The problem names the trace of the request it answers, as the
			// gateway's header does, and the gateway's log line about the
			// fallback carries the same id.
			HttpResponse<String> unavailable = gateway.get("/api/inventory/products/KB-001");
			String traceId = unavailable.headers().firstValue("X-Trace-Id").orElseThrow();
			assertThat(unavailable.body()).contains("\"traceId\":\"" + traceId + "\"");
			assertThat(Files.readAllLines(platform.instance(Service.GATEWAY).logFile()))
				.anyMatch(line -> line.contains("Fallback for GET") && line.contains("\"" + traceId + "\""));
			HttpResponse<String> pending = gateway.placeOrder("{\"lines\":[{\"sku\":\"KB-001\",\"quantity\":1}]}");
			assertThat(pending.statusCode()).as(pending.body()).isEqualTo(202);
			assertThat(pending.body()).contains("\"status\":\"PENDING\"");
			pendingLocation = pending.headers().firstValue("Location").orElseThrow();
			// Both fallbacks are in the traces: the gateway's on its span of the
			// refused read, order-service's on its span of the order it kept PENDING.
			Zipkin zipkin = new Zipkin(platform.zipkinUrl().orElseThrow());
			assertThat(tagged(zipkin, traceId, "gateway-service", "gateway.fallback")).isEqualTo("unreachable");
			String pendingTrace = pending.headers().firstValue("X-Trace-Id").orElseThrow();
			assertThat(tagged(zipkin, pendingTrace, "order-service", "inventory.fallback")).isNotBlank();
		}
		finally {
			platform.restart(inventory);
		}
		// Ready (readiness UP, listed UP in Eureka) to routable through the gateway:
		// within 5 s.
		Instant ready = Instant.now();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> gateway.get("/api/inventory/products").statusCode() == 200);
		System.out.printf("[platform] inventory-service routable %d ms after it was ready%n",
				Duration.between(ready, Instant.now()).toMillis());
		// The order that waited is finished once inventory-service is back (the
		// reconciler's first try is 10 s after the order, then 1 s, 2 s, 4 s ... later).
		String pendingOrder = pendingLocation.substring(platform.gatewayUrl().length());
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(gateway.get(pendingOrder).body()).contains("\"status\":\"CONFIRMED\""));
		// The reconciler's work is a trace of its own, found by the order's id like the
		// request that placed it: its call to inventory-service is in it.
		Zipkin zipkin = new Zipkin(platform.zipkinUrl().orElseThrow());
		String orderId = pendingOrder.substring(pendingOrder.lastIndexOf('/') + 1);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(
					() -> assertThat(zipkin.tracesTagged("order.id", orderId)).as("traces tagged order.id=%s", orderId)
						.anySatisfy(trace -> assertThat(trace)
							.anyMatch(span -> span.path("name").asString().equals("reconcile order"))
							.anyMatch(span -> span.path("tags")
								.path("http.url")
								.asString("")
								.contains("/internal/reservations"))));
	}

	/** The value of a tag on a span of the service in the trace, once reported. */
	private static String tagged(Zipkin zipkin, String traceId, String service, String tag) {
		return await().atMost(TracingIT.REPORTED)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> zipkin.trace(traceId)
				.stream()
				.filter(span -> service.equals(span.path("localEndpoint").path("serviceName").asString()))
				.map(span -> span.path("tags").path(tag).asString(""))
				.filter(value -> !value.isEmpty())
				.findFirst()
				.orElse(""), value -> !value.isEmpty());
	}

	@Test
	void noServiceLogsAWarningAtStartup(LocalPlatform platform) throws Exception {
		for (Service service : Service.values()) {
			for (ServiceInstance instance : platform.instances(service)) {
				assertThat(Files.readAllLines(instance.logFile())).as(instance.name())
					.noneMatch(line -> line.contains("registration has failed"));
			}
		}
	}

}
