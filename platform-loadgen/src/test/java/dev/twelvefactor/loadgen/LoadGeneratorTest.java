package dev.twelvefactor.loadgen;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadGeneratorTest {

	HttpServer gateway;

	@AfterEach
	void stop() {
		if (gateway != null) {
			gateway.stop(0);
		}
	}

	@Test
	void retriesAFailedOrderWithTheSameKeyAfterRetryAfterAndCountsWhatTheClientFinallySaw() throws Exception {
		Map<String, AtomicInteger> attemptsByKey = new ConcurrentHashMap<>();
		Map<String, Long> firstAttemptAt = new ConcurrentHashMap<>();
		Map<String, Long> pauseBeforeRetry = new ConcurrentHashMap<>();
		gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gateway.createContext("/", exchange -> {
			exchange.getRequestBody().readAllBytes();
			int status = 200;
			if (exchange.getRequestMethod().equals("POST")) {
				String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
				// Every order fails once with 503 and Retry-After: 1, then succeeds: the
				// retry must reuse the key.
				boolean first = attemptsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1;
				if (first) {
					firstAttemptAt.put(key, System.nanoTime());
					exchange.getResponseHeaders().add("Retry-After", "1");
				}
				else {
					pauseBeforeRetry.put(key, System.nanoTime() - firstAttemptAt.get(key));
				}
				status = first ? 503 : 201;
				exchange.getResponseHeaders().add("Location", "/api/orders/order-of-" + key);
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		gateway.start();

		LoadResults results = new LoadGenerator(
				LoadSettings.of("http://127.0.0.1:" + gateway.getAddress().getPort(), 100, Duration.ofSeconds(2)))
			.run();

		assertThat(results.requests()).isBetween(150L, 201L);
		assertThat(results.unexpected()).isZero();
		assertThat(attemptsByKey).isNotEmpty();
		assertThat(attemptsByKey.values()).allSatisfy(attempts -> assertThat(attempts.get()).isEqualTo(2));
		assertThat(results.retries()).isEqualTo(attemptsByKey.size());
		assertThat(results.unexpectedAnswers()).as("each first 503").isEqualTo(attemptsByKey.size());
		assertThat(results.unavailableWithoutRetryAfter()).isZero();
		assertThat(pauseBeforeRetry.values()).allSatisfy(pause -> assertThat(pause).isGreaterThan(900_000_000L));
		assertThat(results.ordersByKey()).hasSize(attemptsByKey.size())
			.allSatisfy((key, orders) -> assertThat(orders).containsExactly("order-of-" + key));
		assertThat(results.summary()).contains("ORDER_CREATE").contains("0 client-visible failures");
	}

	@Test
	void aServerThatKeepsFailingIsReportedAfterTheRetries() throws Exception {
		Set<String> keys = ConcurrentHashMap.newKeySet();
		gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gateway.createContext("/", exchange -> {
			exchange.getRequestBody().readAllBytes();
			if (exchange.getRequestMethod().equals("POST")) {
				keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
			}
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		gateway.start();

		LoadResults results = new LoadGenerator(
				LoadSettings.of("http://127.0.0.1:" + gateway.getAddress().getPort(), 50, Duration.ofSeconds(1)))
			.run();

		assertThat(results.unexpected()).isEqualTo(results.requests());
		assertThat(results.retries()).as("every request, read or order, is tried 1 + 3 times")
			.isEqualTo(3L * results.requests());
		assertThat(results.unexpectedAnswers()).isEqualTo(results.requests() + results.retries());
		assertThat(results.unavailableWithoutRetryAfter()).as("no Retry-After on any 503")
			.isEqualTo(results.unexpectedAnswers());
		assertThat(results.ordersByKey()).isEmpty();
	}

	@Test
	void everyRequestCarriesTheTokenAndARequestWithoutOneIsRetried() throws Exception {
		Set<String> authorizations = ConcurrentHashMap.newKeySet();
		AtomicInteger requests = new AtomicInteger();
		gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gateway.createContext("/", exchange -> {
			exchange.getRequestBody().readAllBytes();
			requests.incrementAndGet();
			authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			if (exchange.getRequestMethod().equals("POST")) {
				exchange.getResponseHeaders().add("Location", "/api/orders/" + requests.get());
			}
			exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, -1);
			exchange.close();
		});
		gateway.start();
		AtomicInteger asked = new AtomicInteger();
		// Every fifth attempt finds no token: that attempt is not sent, and retried.
		TokenSource tokens = () -> {
			if (asked.incrementAndGet() % 5 == 0) {
				throw new TokenUnavailableException("auth-service restarting", null);
			}
			return "t0k3n";
		};

		LoadResults results = new LoadGenerator(
				LoadSettings.of("http://127.0.0.1:" + gateway.getAddress().getPort(), 50, Duration.ofSeconds(1)),
				tokens)
			.run();

		assertThat(authorizations).containsExactly("Bearer t0k3n");
		assertThat(results.tokenFailures()).isPositive().isEqualTo(asked.get() / 5);
		assertThat(requests.get()).isEqualTo(asked.get() - results.tokenFailures());
		assertThat(results.unexpected()).as("a retry got a token").isZero();
		assertThat(results.summary()).contains(results.tokenFailures() + " attempts without a token");
	}

	@Test
	void onlyThisMachineIsEverATarget() {
		assertThatThrownBy(() -> LoadSettings.of("http://192.0.2.10:8080", 10, Duration.ofSeconds(1)))
			.hasMessageContaining("loopback");
	}

}
