package dev.twelvefactor.gateway.routing;

import dev.twelvefactor.gateway.TestTokens;
import dev.twelvefactor.support.loadbalancer.InstanceLoad;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway with config-repo's real routes, retries, breakers and per-try timeout (1 s)
 * in front of instances that hang: they accept the request and never answer, as a
 * SIGSTOPped process does. order-service has a frozen and a healthy instance,
 * inventory-service only frozen ones, auth-service none at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false",
				"spring.config.import=file:../config-repo/application.yml,file:../config-repo/gateway-service.yml",
				"management.server.port=0", "gateway.routing.retry-timeout=2s" })
@AutoConfigureWebTestClient(timeout = "30s")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrozenInstanceTest {

	static final Backend ORDER_FROZEN = Backend.frozen("order-frozen");

	static final Backend ORDER_HEALTHY = Backend.answering("order-healthy");

	static final Backend INVENTORY_A = Backend.frozen("inventory-a");

	static final Backend INVENTORY_B = Backend.frozen("inventory-b");

	static final String TOKEN = TestTokens.token("frozen-test", "orders.read", "orders.write");

	@Autowired
	WebTestClient http;

	@Autowired
	ReactiveResilience4JCircuitBreakerFactory breakers;

	@Autowired
	MeterRegistry registry;

	@Autowired
	InstanceLoad load;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		TestTokens.register(registry);
		String simple = "spring.cloud.discovery.client.simple.instances.";
		registry.add(simple + "order-service[0].uri", ORDER_FROZEN::uri);
		registry.add(simple + "order-service[1].uri", ORDER_HEALTHY::uri);
		registry.add(simple + "inventory-service[0].uri", INVENTORY_A::uri);
		registry.add(simple + "inventory-service[1].uri", INVENTORY_B::uri);
	}

	@AfterAll
	static void stopBackends() {
		for (Backend backend : new Backend[] { ORDER_FROZEN, ORDER_HEALTHY, INVENTORY_A, INVENTORY_B }) {
			backend.close();
		}
	}

	@Test
	@Order(1)
	void aFrozenInstanceOfTwoCostsOneTryAndOpensNoBreaker() {
		// A first request warms the gateway (token keys, routing, load balancer): a cold
		// one takes seconds of its own.
		http.get()
			.uri("/.well-known/openid-configuration")
			.headers(headers -> headers.setBearerAuth(TOKEN))
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		// Until order-service has answered, nothing tells a hung instance from a cold
		// one, so this first request may wait the whole retry timeout on the frozen
		// instance before its retry; from then on a first try gets the short timeout.
		send(HttpMethod.GET, "/api/orders/42", null).expectStatus().isOk();
		for (int i = 0; i < 12; i++) {
			long started = System.nanoTime();
			if (i % 2 == 0) {
				send(HttpMethod.POST, "/api/orders", UUID.randomUUID().toString()).expectStatus().isOk();
			}
			else {
				send(HttpMethod.GET, "/api/orders/42", null).expectStatus().isOk();
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answer time")
				.isLessThan(Duration.ofSeconds(2));
		}

		assertThat(ORDER_FROZEN.apiRequests())
			.as("requests the frozen instance got: one try, then it is left out (its liveness probe hangs too)")
			.isEqualTo(1);
		String stuck = ORDER_FROZEN.keys.getFirst();
		if (!stuck.isEmpty()) {
			assertThat(ORDER_HEALTHY.keys).as("the keyed POST was retried on the healthy instance").contains(stuck);
		}
		assertThat(ejections("order-service", "timeout")).isEqualTo(1);
		CircuitBreaker breaker = breakers.getCircuitBreakerRegistry().circuitBreaker("order-service");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("tries that timed out and were retried").isZero();
	}

	/** After the first test: a cold gateway may take longer than the client waits. */
	@Test
	@Order(2)
	void onlySafeMethodsAndKeyedPostsAreTriedAgainAfterATimeout() throws Exception {
		aCancelledRequestLeavesNoLoadBehind();
		CircuitBreaker breaker = breakers.getCircuitBreakerRegistry().circuitBreaker("inventory-service");
		long failed = breaker.getMetrics().getNumberOfFailedCalls();

		assertTries(() -> send(HttpMethod.POST, "/api/inventory/restock", null).expectStatus().isEqualTo(504), 1);
		assertTries(() -> send(HttpMethod.POST, "/api/inventory/restock", UUID.randomUUID().toString()).expectStatus()
			.isEqualTo(504), 3);
		assertTries(() -> send(HttpMethod.GET, "/api/inventory/products/KB-001", null).expectStatus().isEqualTo(504),
				3);

		assertThat(breaker.getMetrics().getNumberOfFailedCalls() - failed)
			.as("requests that failed every try: the service as a whole did not answer in time")
			.isEqualTo(3);
	}

	/**
	 * The client gives up while its request waits on a frozen instance, before the try
	 * timeout: the gateway cancels the attempt, which ends its count on the instance
	 * without ejecting it.
	 */
	private void aCancelledRequestLeavesNoLoadBehind() throws Exception {
		int before = INVENTORY_A.apiRequests() + INVENTORY_B.apiRequests();
		try (HttpClient client = HttpClient.newHttpClient()) {
			CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/inventory/products/KB-001"))
						.build(),
					HttpResponse.BodyHandlers.discarding());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> INVENTORY_A.apiRequests() + INVENTORY_B.apiRequests() > before);
			assertThat(load.outstanding(instance(INVENTORY_A)) + load.outstanding(instance(INVENTORY_B))).isOne();

			answer.cancel(true);

			await().atMost(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(
						load.outstanding(instance(INVENTORY_A)) + load.outstanding(instance(INVENTORY_B)))
					.isZero());
		}
		Thread.sleep(1200);
		assertThat(ejections("inventory-service", "timeout")).as("a cancelled attempt did not time out").isZero();
	}

	@Test
	@Order(3)
	void aServiceWithoutInstancesIsA503ThatItsBreakerDoesNotCount() {
		for (int i = 0; i < 3; i++) {
			http.get()
				.uri("/.well-known/openid-configuration")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
		CircuitBreaker breaker = breakers.getCircuitBreakerRegistry().circuitBreaker("auth-service");
		assertThat(breaker.getMetrics().getNumberOfFailedCalls())
			.as("\"no instance\" is ignored by the breaker, unless an exception replaced it on the way")
			.isZero();
	}

	private void assertTries(Runnable request, int tries) {
		int before = INVENTORY_A.apiRequests() + INVENTORY_B.apiRequests();
		request.run();
		assertThat(INVENTORY_A.apiRequests() + INVENTORY_B.apiRequests() - before).as("tries").isEqualTo(tries);
	}

	private WebTestClient.ResponseSpec send(HttpMethod method, String path, String idempotencyKey) {
		WebTestClient.RequestBodySpec request = http.method(method).uri(path).headers(headers -> {
			headers.setBearerAuth(TOKEN);
			if (idempotencyKey != null) {
				headers.set("Idempotency-Key", idempotencyKey);
			}
		});
		return method == HttpMethod.POST ? request.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"lines\":[{\"sku\":\"KB-001\",\"quantity\":1}]}")
			.exchange() : request.exchange();
	}

	private double ejections(String service, String reason) {
		return registry.find("loadbalancer.ejections")
			.tag("service", service)
			.tag("reason", reason)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private static DefaultServiceInstance instance(Backend backend) {
		return new DefaultServiceInstance(backend.uri(), "inventory-service", "127.0.0.1", backend.port(), false);
	}

}
