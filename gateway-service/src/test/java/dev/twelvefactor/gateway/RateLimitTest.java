package dev.twelvefactor.gateway;

import java.time.Duration;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rate limit with config-repo's filters and small test limits (bursts of 5, then one
 * request a second): refusals are 429 problems with Retry-After, per client, and never
 * reach the circuit breaker. 127.0.0.1 is no trusted proxy here, so X-Forwarded-For does
 * not change who a request counts against.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false",
				"spring.config.import=file:../config-repo/application.yml,file:../config-repo/gateway-service.yml",
				"management.server.port=0", "GATEWAY_RATE_LIMIT_BURST=5", "GATEWAY_RATE_LIMIT_PER_SECOND=1",
				"GATEWAY_TRUSTED_PROXIES=10[.]0[.]0[.]1" })
@AutoConfigureWebTestClient(timeout = "30s")
class RateLimitTest {

	static final StubInstance ORDERS = StubInstance.start("orders");

	static final StubInstance INVENTORY = StubInstance.start("inventory");

	static final int REFUSALS = 100;

	@Autowired
	WebTestClient http;

	@Autowired
	ReactiveResilience4JCircuitBreakerFactory breakers;

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		TestTokens.register(registry);
		String simple = "spring.cloud.discovery.client.simple.instances.";
		registry.add(simple + "order-service[0].uri", ORDERS::uri);
		registry.add(simple + "order-service[0].instance-id", () -> "orders");
		registry.add(simple + "inventory-service[0].uri", INVENTORY::uri);
		registry.add(simple + "inventory-service[0].instance-id", () -> "inventory");
	}

	@Test
	void aBurstOverTheLimitIsRefusedWithoutTouchingTheBreakerWhileOthersPass() {
		String greedy = TestTokens.token("greedy", "orders.read");
		long start = System.nanoTime();
		int passed = 0;
		int refused = 0;
		while (refused < REFUSALS) {
			EntityExchangeResult<byte[]> answer = get("/api/orders/1", greedy);
			if (answer.getStatus().value() == 200) {
				passed++;
				assertThat(passed).as("requests let through").isLessThanOrEqualTo(refills(start) + 5);
				continue;
			}
			refused++;
			assertThat(answer.getStatus().value()).isEqualTo(429);
			assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9][0-9]*");
			assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(new String(answer.getResponseBody())).contains("\"status\":429",
					"\"title\":\"Too many requests\"", "\"instance\":\"/api/orders/1\"",
					"1 requests per 1 s, bursts of up to 5");
		}
		assertThat(passed).as("the burst").isGreaterThanOrEqualTo(5);

		assertThat(get("/api/orders/1", TestTokens.token("patient", "orders.read")).getStatus().value())
			.as("another client")
			.isEqualTo(200);

		CircuitBreaker breaker = breakers.getCircuitBreakerRegistry().circuitBreaker("order-service");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		// The breaker's window holds the last 20 calls: fewer, unless it counted the
		// refusals too.
		assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).as("only the requests let through")
			.isEqualTo(Math.min(passed + 1, 20));
		assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()).isZero();
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(ORDERS.requests()).isEqualTo(passed + 1);

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(registry.find("spring.cloud.gateway.requests")
				.tags("routeId", "order-service", "httpStatusCode", "429")
				.timer()
				.count()).isEqualTo(REFUSALS));
		assertThat(
				registry.get("gateway.refusals").tag("route", "order-service").tag("status", "429").counter().count())
			.isEqualTo(REFUSALS);
	}

	@Test
	void anonymousClientsAreCountedByTheirConnectionNotByWhatTheyClaim() {
		long start = System.nanoTime();
		int passed = 0;
		for (int i = 0; i < 20; i++) {
			EntityExchangeResult<byte[]> answer = http.get()
				.uri("/api/inventory/products")
				.header("X-Forwarded-For", "198.51.100." + (i + 1))
				.exchange()
				.expectBody()
				.returnResult();
			if (answer.getStatus().value() == 200) {
				passed++;
				assertThat(answer.getResponseHeaders().getFirst("X-RateLimit-Remaining")).matches("[0-9]+");
			}
		}
		assertThat(passed).isBetween(5, refills(start) + 5);
	}

	/**
	 * Nor can they choose the address services write into links: the gateway, not
	 * Spring's forwarded-header support, decides which X-Forwarded-* headers it keeps.
	 */
	@Test
	void anUntrustedClientCannotChooseTheForwardedHost() {
		http.get()
			.uri("/api/inventory/products/KB-001")
			// A client of its own: the anonymous bucket may be empty by now.
			.headers(headers -> headers.setBearerAuth(TestTokens.token("forger")))
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(INVENTORY.lastHeader("X-Forwarded-Host")).doesNotContain("evil.example");
		assertThat(INVENTORY.lastHeader("X-Forwarded-Proto")).isEqualTo("http");
	}

	/** Tokens added since start at one a second, at most. */
	private static int refills(long start) {
		return (int) Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;
	}

	private EntityExchangeResult<byte[]> get(String path, String token) {
		return http.get()
			.uri(path)
			.headers(headers -> headers.setBearerAuth(token))
			.header("X-Request-Id", UUID.randomUUID().toString())
			.exchange()
			.expectBody()
			.returnResult();
	}

}
