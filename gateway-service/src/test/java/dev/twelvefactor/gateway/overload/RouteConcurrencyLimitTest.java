package dev.twelvefactor.gateway.overload;

import com.sun.net.httpserver.HttpServer;
import dev.twelvefactor.gateway.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway with config-repo's routes and filters, a route limit held at 2 and a rate
 * limit of 3 requests per client (then one a second): while two slow requests hold
 * inventory-service's permits, more requests to it are refused at once with a 503
 * problem, before the circuit breaker; a client over its rate limit still gets its 429;
 * order-service's route has a limit of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false",
				"spring.config.import=file:../config-repo/application.yml,file:../config-repo/gateway-service.yml",
				"management.server.port=0", "platform.concurrency-limit.initial-limit=2",
				"platform.concurrency-limit.min-limit=2", "platform.concurrency-limit.max-limit=2",
				"GATEWAY_RATE_LIMIT_BURST=3", "GATEWAY_RATE_LIMIT_PER_SECOND=1", "GATEWAY_TRY_TIMEOUT=10s" })
@AutoConfigureWebTestClient(timeout = "30s")
class RouteConcurrencyLimitTest {

	static final Stub INVENTORY = new Stub();

	static final Stub ORDERS = new Stub();

	@Autowired
	WebTestClient http;

	@Autowired
	MeterRegistry registry;

	@Autowired
	ReactiveResilience4JCircuitBreakerFactory breakers;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		TestTokens.register(registry);
		String simple = "spring.cloud.discovery.client.simple.instances.";
		registry.add(simple + "inventory-service[0].uri", INVENTORY::uri);
		registry.add(simple + "inventory-service[0].instance-id", () -> "inventory");
		registry.add(simple + "order-service[0].uri", ORDERS::uri);
		registry.add(simple + "order-service[0].instance-id", () -> "orders");
	}

	final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

	@AfterEach
	void letGo() {
		INVENTORY.release();
		clients.shutdownNow();
	}

	@AfterAll
	static void stopStubs() {
		INVENTORY.close();
		ORDERS.close();
	}

	@Test
	void aSaturatedRouteRefusesFastWithAProblemBeforeTheBreaker() throws Exception {
		CircuitBreaker breaker = breakers.getCircuitBreakerRegistry().circuitBreaker("inventory-service");
		int buffered = breaker.getMetrics().getNumberOfBufferedCalls();
		assertThat(get("/api/inventory/products/warm-up", "warm-up").getStatus().value()).isEqualTo(200);
		INVENTORY.hold();
		List<CompletableFuture<EntityExchangeResult<byte[]>>> slow = new ArrayList<>();
		for (String client : new String[] { "holder-1", "holder-2" }) {
			slow.add(CompletableFuture.supplyAsync(() -> get("/api/inventory/products/slow", client), clients));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge("gateway.concurrency.inflight") == 2);
		assertThat(gauge("gateway.concurrency.limit")).isEqualTo(2);
		int forwarded = INVENTORY.requests();

		// Its bucket holds 3 tokens: 3 requests pass the rate limit and are refused by
		// the route's limit; the 4th is refused by the rate limit, which comes first.
		// The first refusal also loads the classes of the refusal path: it is not timed.
		String greedy = TestTokens.token("greedy", "orders.read");
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			EntityExchangeResult<byte[]> refused = getWithToken("/api/inventory/products/KB-001", greedy);
			if (i > 0) {
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
			}
			assertThat(refused.getStatus().value()).isEqualTo(503);
			assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
			assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(new String(refused.getResponseBody(), StandardCharsets.UTF_8)).contains("\"status\":503",
					"\"title\":\"Service overloaded\"", "\"instance\":\"/api/inventory/products/KB-001\"",
					"inventory-service is at its concurrency limit (2 requests in flight through the gateway)");
		}
		assertThat(getWithToken("/api/inventory/products/KB-001", greedy).getStatus().value()).isEqualTo(429);
		assertThat(INVENTORY.requests()).as("refusals are not forwarded").isEqualTo(forwarded);
		assertThat(get("/api/orders/1", "other-route").getStatus().value()).as("another route").isEqualTo(200);
		assertThat(refusals("inventory-service")).isEqualTo(3);

		INVENTORY.release();
		for (CompletableFuture<EntityExchangeResult<byte[]>> request : slow) {
			assertThat(request.get(10, TimeUnit.SECONDS).getStatus().value()).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> gauge("gateway.concurrency.inflight") == 0);
		assertThat(get("/api/inventory/products/KB-001", "patient").getStatus().value()).isEqualTo(200);

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		// Its window holds the last 20 calls: warm-up, the two slow ones and the last
		// one.
		assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).as("only the forwarded requests")
			.isEqualTo(Math.min(buffered + 4, 20));
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()).isZero();
	}

	@Test
	void serverErrorsGiveTheirPermitsBack() {
		for (int status : new int[] { 500, 502, 503, 504, 404 }) {
			INVENTORY.answer(status);
			for (int i = 0; i < 3; i++) {
				assertThat(get("/api/inventory/products/KB-001", "errors-" + status + "-" + i).getStatus().value())
					.isEqualTo(status);
			}
		}
		INVENTORY.answer(200);

		assertThat(gauge("gateway.concurrency.inflight")).isZero();
		assertThat(get("/api/inventory/products/KB-001", "after-errors").getStatus().value()).isEqualTo(200);
	}

	private EntityExchangeResult<byte[]> get(String path, String client) {
		return getWithToken(path, TestTokens.token(client, "orders.read"));
	}

	private EntityExchangeResult<byte[]> getWithToken(String path, String token) {
		return http.get()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectBody()
			.returnResult();
	}

	private double gauge(String name) {
		return registry.get(name).tag("route", "inventory-service").gauge().value();
	}

	private double refusals(String route) {
		return registry.get("gateway.refusals").tag("route", route).tag("status", "503").counter().count();
	}

	/** An instance whose answers can be held back, answering from many threads. */
	static final class Stub {

		private final HttpServer server;

		private volatile CountDownLatch gate = new CountDownLatch(0);

		private volatile int status = 200;

		private final AtomicInteger requests = new AtomicInteger();

		Stub() {
			try {
				server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.createContext("/", (exchange) -> {
				requests.incrementAndGet();
				try {
					gate.await(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
				byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
		}

		String uri() {
			return "http://127.0.0.1:" + server.getAddress().getPort();
		}

		int requests() {
			return requests.get();
		}

		void hold() {
			gate = new CountDownLatch(1);
		}

		void release() {
			gate.countDown();
		}

		void answer(int status) {
			this.status = status;
		}

		void close() {
			server.stop(0);
		}

	}

}
