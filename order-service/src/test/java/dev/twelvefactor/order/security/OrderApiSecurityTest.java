package dev.twelvefactor.order.security;

import dev.twelvefactor.order.OrderIntegrationTest;
import dev.twelvefactor.order.inventory.InventoryClient;
import dev.twelvefactor.testsupport.TestAuthServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.twelvefactor.order.Callers.caller;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call the order API, with real access tokens signed by the stand-in auth-service
 * and checked by the real decoder (issuer, audience, expiry, signature from the JWK Set
 * at AUTH_URL), and with spring-security-test's authenticated JWTs for the scopes.
 */
@AutoConfigureMockMvc
class OrderApiSecurityTest extends OrderIntegrationTest {

	static final TestAuthServer AUTH = TestAuthServer.shared();

	static final String ORDER = "/api/orders/" + UUID.randomUUID();

	@Autowired
	MockMvcTester mvc;

	/** The same context as the other API tests (cached once per run). */
	@MockitoBean
	InventoryClient inventory;

	@Test
	void withoutATokenEveryOrderOperationIsA401ProblemWithABearerChallenge() {
		for (MvcTestResult result : List.of(mvc.get().uri("/api/orders").exchange(), mvc.get().uri(ORDER).exchange(),
				mvc.post().uri(ORDER + "/cancel").exchange(), place(null),
				mvc.get().uri("/api/elsewhere").exchange())) {
			assertUnauthorized(result);
		}
	}

	@Test
	void aTokenThatIsNotValidIsA401ProblemSayingSo() {
		Map<String, Object> expired = AUTH.claims("alice", "orders.read");
		expired.put("iat", Instant.now().minusSeconds(900).getEpochSecond());
		expired.put("nbf", Instant.now().minusSeconds(900).getEpochSecond());
		expired.put("exp", Instant.now().minusSeconds(600).getEpochSecond());
		Map<String, Object> otherAudience = AUTH.claims("alice", "orders.read");
		otherAudience.put("aud", List.of("some-other-api"));
		Map<String, Object> otherIssuer = AUTH.claims("alice", "orders.read");
		otherIssuer.put("iss", "http://127.0.0.1:1");
		String valid = AUTH.token("alice", "orders.read");
		String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.length() - 20);

		for (String token : List.of(AUTH.sign(expired), AUTH.sign(otherAudience), AUTH.sign(otherIssuer), forged,
				"not-a-jwt")) {
			MvcTestResult result = mvc.get()
				.uri("/api/orders")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange();
			assertUnauthorized(result);
			assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).as(token)
				.contains("invalid_token");
		}
	}

	@Test
	void aValidTokenOfAuthServiceIsAcceptedAndItsSubjectOwnsTheOrders() {
		String subject = "carol-" + UUID.randomUUID();

		assertThat(mvc.get()
			.uri("/api/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + AUTH.token(subject, "orders.read"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.totalElements")
			.isEqualTo(0);
		assertThat(
				mvc.get().uri(ORDER).header(HttpHeaders.AUTHORIZATION, "Bearer " + AUTH.token(subject, "orders.read")))
			.hasStatus(404);
	}

	@Test
	void readingNeedsOrdersReadAndChangingNeedsOrdersWrite() {
		var writerOnly = caller("alice", "orders.write");
		var readerOnly = caller("alice", "orders.read");
		var noScope = caller("alice", "openid");

		assertForbidden(mvc.get().uri("/api/orders").with(writerOnly).exchange());
		assertForbidden(mvc.get().uri(ORDER).with(writerOnly).exchange());
		assertForbidden(mvc.head().uri("/api/orders").with(noScope).exchange());
		assertForbidden(place(readerOnly));
		assertForbidden(mvc.post().uri(ORDER + "/cancel").with(readerOnly).exchange());
		assertForbidden(mvc.delete().uri(ORDER).with(readerOnly).exchange());
		assertThat(mvc.get().uri("/api/orders").with(readerOnly)).hasStatusOk();
		assertThat(mvc.post().uri(ORDER + "/cancel").with(writerOnly)).hasStatus(404);
	}

	@Test
	void theOpenApiDocumentIsPublic() {
		assertThat(mvc.get().uri("/api/orders/openapi")).hasStatusOk();
	}

	@Test
	void anythingElseNeedsAValidTokenButNoScope() {
		assertThat(mvc.get().uri("/api/elsewhere").with(caller("alice"))).hasStatus(404);
	}

	private MvcTestResult place(RequestPostProcessor caller) {
		var request = mvc.post()
			.uri("/api/orders")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": 1}]}");
		return (caller == null ? request : request.with(caller)).exchange();
	}

	private static void assertUnauthorized(MvcTestResult result) {
		assertThat(result).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(401);
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
	}

	private static void assertForbidden(MvcTestResult result) {
		assertThat(result).hasStatus(403).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(403);
	}

}
