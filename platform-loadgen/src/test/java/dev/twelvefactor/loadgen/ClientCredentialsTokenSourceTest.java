package dev.twelvefactor.loadgen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token source against a token endpoint in the test: what it sends, what it keeps,
 * when it renews, and what it does when the endpoint fails.
 */
class ClientCredentialsTokenSourceTest {

	HttpServer server;

	URI endpoint;

	final List<String> authorizations = new CopyOnWriteArrayList<>();

	final List<String> bodies = new CopyOnWriteArrayList<>();

	final AtomicInteger issued = new AtomicInteger();

	/**
	 * What the endpoint answers: 200 with a token valid this many seconds, or an error.
	 */
	volatile int status = 200;

	volatile long expiresIn = 300;

	volatile long delayMillis;

	final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/oauth2/token", this::answer);
		server.start();
		endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token");
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	private void answer(HttpExchange exchange) throws IOException {
		authorizations.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
				+ exchange.getRequestHeaders().getFirst("Content-Type") + " " + exchange.getRequestMethod());
		bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		try {
			Thread.sleep(delayMillis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		byte[] body = (status == 200 ? """
				{"access_token":"eyJ.token-%d.sig","scope":"orders.read orders.write","token_type":"Bearer",\
				"expires_in":%d}""".formatted(issued.incrementAndGet(), expiresIn) : "{\"error\":\"invalid_client\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private ClientCredentialsTokenSource source() {
		return new ClientCredentialsTokenSource(endpoint, "load-generator", "s3cr3t", now::get);
	}

	private void advance(Duration duration) {
		now.updateAndGet(instant -> instant.plus(duration));
	}

	@Test
	void asksWithTheClientsIdAndSecretAndKeepsTheToken() {
		ClientCredentialsTokenSource tokens = source();

		assertThat(tokens.accessToken()).isEqualTo("eyJ.token-1.sig");
		advance(Duration.ofSeconds(200));
		assertThat(tokens.accessToken()).isEqualTo("eyJ.token-1.sig");

		String basic = Base64.getEncoder().encodeToString("load-generator:s3cr3t".getBytes(StandardCharsets.UTF_8));
		assertThat(authorizations).containsExactly("Basic " + basic + " application/x-www-form-urlencoded POST");
		assertThat(bodies).containsExactly("grant_type=client_credentials");
		assertThat(tokens.toString()).doesNotContain("s3cr3t");
	}

	@Test
	void renewsThirtySecondsBeforeExpiryAndGoesOnWithTheOldTokenWhileRenewalFails() {
		ClientCredentialsTokenSource tokens = source();
		tokens.accessToken();

		advance(Duration.ofSeconds(269));
		assertThat(tokens.accessToken()).isEqualTo("eyJ.token-1.sig");
		advance(Duration.ofSeconds(2));
		assertThat(tokens.accessToken()).as("within 30 s of expiry").isEqualTo("eyJ.token-2.sig");

		status = 503;
		advance(Duration.ofSeconds(275));
		assertThat(tokens.accessToken()).as("renewal failed, the old one still valid").isEqualTo("eyJ.token-2.sig");
		assertThat(authorizations).hasSize(3);
		advance(Duration.ofSeconds(30));
		assertThatThrownBy(tokens::accessToken).isInstanceOf(TokenUnavailableException.class)
			.hasMessageContaining("answered 503")
			.hasMessageContaining("invalid_client");

		status = 200;
		assertThat(tokens.accessToken()).isEqualTo("eyJ.token-3.sig");
	}

	@Test
	void aShortLivedTokenIsRenewedAtHalfItsLife() {
		expiresIn = 20;
		ClientCredentialsTokenSource tokens = source();
		tokens.accessToken();

		advance(Duration.ofSeconds(9));
		assertThat(tokens.accessToken()).isEqualTo("eyJ.token-1.sig");
		advance(Duration.ofSeconds(2));
		assertThat(tokens.accessToken()).isEqualTo("eyJ.token-2.sig");
	}

	@Test
	void manyCallersAtOnceCauseOneRequest() throws Exception {
		delayMillis = 300;
		ClientCredentialsTokenSource tokens = source();
		Set<String> seen = ConcurrentHashMap.newKeySet();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> callers = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				callers.add(executor.submit(() -> seen.add(tokens.accessToken())));
			}
			for (Future<?> caller : callers) {
				caller.get();
			}
		}
		assertThat(seen).containsExactly("eyJ.token-1.sig");
		assertThat(authorizations).hasSize(1);
	}

	@Test
	void noAnswerOrARefusalIsAnError() {
		status = 401;
		assertThatThrownBy(() -> source().accessToken()).isInstanceOf(TokenUnavailableException.class)
			.hasMessageContaining("answered 401");

		server.stop(0);
		assertThatThrownBy(() -> source().accessToken()).isInstanceOf(TokenUnavailableException.class)
			.hasMessageContaining("No answer from " + endpoint);
		assertThatThrownBy(() -> ClientCredentialsTokenSource.of("http://192.0.2.10:8080", "id", "secret"))
			.hasMessageContaining("loopback");
		assertThat(ClientCredentialsTokenSource.of("http://127.0.0.1:8083/", "id", "secret"))
			.hasToString("ClientCredentialsTokenSource[http://127.0.0.1:8083/oauth2/token]");
	}

	@Test
	void theResponseNeedsAnAccessTokenAndMayLeaveOutItsLifetime() {
		assertThat(TokenResponse.parse("{ \"access_token\" : \"a.b.c\", \"expires_in\": 299 }"))
			.isEqualTo(new TokenResponse("a.b.c", Duration.ofSeconds(299)));
		assertThat(TokenResponse.parse("{\"access_token\":\"a.b.c\"}").expiresIn())
			.isEqualTo(TokenResponse.UNSTATED_LIFETIME);
		assertThatThrownBy(() -> TokenResponse.parse("{\"error\":\"invalid_client\"}"))
			.hasMessageContaining("access_token");
	}

}
