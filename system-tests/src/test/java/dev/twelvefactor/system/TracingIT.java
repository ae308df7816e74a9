package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One order followed across every hop: the trace id the gateway answers with finds, in
 * the trace store, one trace with the gateway's span, order-service's, its call to
 * inventory-service and the SQL of both, every parent link intact; and finds the log
 * lines each service wrote for the order. And the gateway's latency histogram, behind the
 * dashboards' p99 panels, points at such traces (exemplars).
 */
@ExtendWith(SharedPlatform.class)
class TracingIT {

	static final Duration REPORTED = Duration.ofSeconds(30);

	@Test
	void anOrderIsOneTraceFromTheGatewayThroughBothServicesToTheirSql(LocalPlatform platform) {
		Http gateway = Callers.gateway(platform);
		HttpResponse<String> placed = gateway.placeOrder("{\"lines\":[{\"sku\":\"MS-002\",\"quantity\":1}]}");
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		String traceId = placed.headers().firstValue("X-Trace-Id").orElseThrow();
		assertThat(traceId).matches("[0-9a-f]{32}");

		Zipkin zipkin = new Zipkin(platform.zipkinUrl().orElseThrow());
		// Spans are reported in batches, each service on its own, and a server span
		// after its children (it ends last): wait for all of them.
		List<JsonNode> spans = await().atMost(REPORTED)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> zipkin.trace(traceId),
					trace -> Zipkin.services(trace)
						.containsAll(Set.of("gateway-service", "order-service", "inventory-service"))
							&& sqlOf("inventory-service", trace) && sqlOf("order-service", trace)
							&& trace.stream().anyMatch(span -> isKind(span, "order-service", "SERVER"))
							&& trace.stream().anyMatch(span -> isKind(span, "inventory-service", "SERVER")));
		String tree = Zipkin.describe(spans);
		System.out.printf("Trace %s of one order:%n%s", traceId, tree);

		assertThat(spans.stream().filter(span -> !span.has("parentId"))).as(tree).hasSize(1);
		Set<String> ids = spans.stream().map(span -> span.path("id").asString()).collect(Collectors.toSet());
		assertThat(spans.stream().filter(span -> span.has("parentId")).map(span -> span.path("parentId").asString()))
			.as("every parent is in the trace%n%s", tree)
			.allMatch(ids::contains);
		String orderId = placed.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
		assertThat(spans).as(tree)
			.anyMatch(span -> isKind(span, "gateway-service", "SERVER"))
			.anyMatch(span -> isKind(span, "order-service", "SERVER")
					&& orderId.equals(span.path("tags").path("order.id").asString("")))
			.anyMatch(span -> isKind(span, "order-service", "CLIENT")
					&& span.path("tags").path("http.url").asString("").contains("/internal/reservations"))
			.anyMatch(span -> isKind(span, "inventory-service", "SERVER"));

		for (Service service : List.of(Service.ORDER, Service.INVENTORY)) {
			assertThat(platform.instances(service).stream().flatMap(LogDigest::lines))
				.as("%s's log lines of the order carry its trace id", service.applicationName())
				.anyMatch(line -> line.contains("\"" + traceId + "\""));
		}
	}

	@Test
	void theGatewaysLatencyHistogramLeadsToTheTracesOfRealRequests(LocalPlatform platform) {
		Http gateway = Callers.gateway(platform);
		for (int i = 0; i < 5; i++) {
			assertThat(gateway.get("/api/inventory/products").statusCode()).isEqualTo(200);
		}
		Prometheus prometheus = Prometheus.of(platform);
		// The histogram behind the p99 panels; the scrapes of the management port are
		// recorded in it too, but their requests are not traced.
		String histogram = "http_server_requests_seconds_bucket{application=\"gateway-service\", uri!~\"/actuator.*\"}";
		List<JsonNode> exemplars = await().atMost(REPORTED)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> prometheus.exemplars(histogram), found -> !found.isEmpty());
		String traceId = exemplars.getLast().path("labels").path("trace_id").asString("");
		assertThat(traceId).as("%s", exemplars).matches("[0-9a-f]{32}");

		Zipkin zipkin = new Zipkin(platform.zipkinUrl().orElseThrow());
		List<JsonNode> spans = await().atMost(REPORTED)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> zipkin.trace(traceId), trace -> Zipkin.services(trace).contains("gateway-service"));
		System.out.printf("Trace %s, an exemplar of the gateway's latency histogram:%n%s", traceId,
				Zipkin.describe(spans));
	}

	private static boolean isKind(JsonNode span, String service, String kind) {
		return service.equals(span.path("localEndpoint").path("serviceName").asString())
				&& kind.equals(span.path("kind").asString());
	}

	/**
	 * A JDBC statement of the service in the trace (datasource-micrometer's query span).
	 */
	private static boolean sqlOf(String service, List<JsonNode> spans) {
		return spans.stream()
			.filter(span -> service.equals(span.path("localEndpoint").path("serviceName").asString()))
			.anyMatch(span -> span.path("tags").propertyNames().stream().anyMatch(tag -> tag.startsWith("jdbc.query")));
	}

}
