package dev.twelvefactor.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway with config-repo's real routes, resilience and security settings, in front
 * of stub instances found through Spring Cloud's simple discovery client:
 * inventory-service has a live and a dead instance, order-service only dead ones. Order
 * requests carry a token with both order scopes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false",
				"spring.config.import=file:../config-repo/application.yml,file:../config-repo/gateway-service.yml",
				"management.server.port=0", "gateway.max-request-size=1KB" })
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayRoutingTest {

	static final StubInstance LIVE_INVENTORY = StubInstance.start("inventory-live");

	@Autowired
	WebTestClient http;

	static final String TOKEN = TestTokens.token("routing-test", "orders.read", "orders.write");

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		TestTokens.register(registry);
		String simple = "spring.cloud.discovery.client.simple.instances.";
		registry.add(simple + "inventory-service[0].uri", LIVE_INVENTORY::uri);
		registry.add(simple + "inventory-service[0].instance-id", () -> "inventory-live");
		registry.add(simple + "inventory-service[1].uri", () -> "http://127.0.0.1:" + StubInstance.deadPort());
		registry.add(simple + "inventory-service[1].instance-id", () -> "inventory-dead");
		registry.add(simple + "order-service[0].uri", () -> "http://127.0.0.1:" + StubInstance.deadPort());
		registry.add(simple + "order-service[0].instance-id", () -> "order-dead");
	}

	@AfterAll
	static void stopStubs() {
		LIVE_INVENTORY.close();
	}

	@Test
	void routesThePublicApiToTheService() {
		http.get()
			.uri("/api/inventory/products")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.instance")
			.isEqualTo("inventory-live")
			.jsonPath("$.path")
			.isEqualTo("/api/inventory/products");
	}

	@Test
	void aDeadInstanceOfTwoNeverFailsARequest() {
		// Round robin sends every other first attempt to the dead instance; the retry
		// must go to the live one.
		for (int i = 0; i < 20; i++) {
			http.get().uri("/api/inventory/products/KB-001").exchange().expectStatus().isOk();
		}
	}

	@Test
	void noReachableInstanceIsA503ProblemForEveryMethod() {
		for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE,
				HttpMethod.PATCH }) {
			http.method(method)
				.uri("/api/orders/42")
				.headers(headers -> headers.setBearerAuth(TOKEN))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.exists("Retry-After")
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(503)
				.jsonPath("$.instance")
				.isEqualTo("/api/orders/42")
				.jsonPath("$.detail")
				.value(detail -> assertThat(detail.toString()).contains("order-service"));
		}
	}

	/** With a token: without one the same paths are a 401 (see GatewaySecurityTest). */
	@Test
	void unknownPathsAndActuatorAreA404Problem() {
		for (String path : new String[] { "/", "/actuator/health", "/internal/reservations", "/fallback",
				"/api/other" }) {
			http.get()
				.uri(path)
				.headers(headers -> headers.setBearerAuth(TOKEN))
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.value(detail -> assertThat(detail.toString()).contains("/api/orders"));
		}
	}

	@Test
	void anOversizedBodyIsA413Problem() {
		http.post()
			.uri("/api/orders")
			.headers(headers -> headers.setBearerAuth(TOKEN))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("x".repeat(2000))
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat(detail.toString()).contains("2000 bytes"));
	}

}
