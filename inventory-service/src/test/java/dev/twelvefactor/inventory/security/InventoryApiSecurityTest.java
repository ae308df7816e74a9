package dev.twelvefactor.inventory.security;

import dev.twelvefactor.inventory.InventoryIntegrationTest;
import dev.twelvefactor.testsupport.TestAuthServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * Who may call inventory-service: the catalogue and the OpenAPI document are public; the
 * reservation API takes only order-service's scope, checked on real access tokens signed
 * by the stand-in auth-service and decoded by the real decoder.
 */
@AutoConfigureMockMvc
class InventoryApiSecurityTest extends InventoryIntegrationTest {

	static final TestAuthServer AUTH = TestAuthServer.shared();

	@Autowired
	MockMvcTester mvc;

	@Test
	void theCatalogueAndTheOpenApiDocumentNeedNoToken() {
		assertThat(mvc.get().uri("/api/inventory/products")).hasStatusOk();
		assertThat(mvc.get().uri("/api/inventory/products/KB-001")).hasStatusOk();
		assertThat(mvc.head().uri("/api/inventory/products/KB-001")).hasStatusOk();
		assertThat(mvc.get().uri("/api/inventory/openapi")).hasStatusOk();
	}

	@Test
	void withoutATokenTheReservationApiAndAnythingElseAre401ProblemsWithABearerChallenge() {
		for (MvcTestResult result : List.of(reserve(null), release(null),
				mvc.get().uri("/internal/anything").exchange(), mvc.post().uri("/api/inventory/products").exchange(),
				mvc.get().uri("/api/elsewhere").exchange())) {
			assertThat(result).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(401);
			assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		}
	}

	@Test
	void aUsersTokenThatMayPlaceOrdersCannotReserveStock() {
		String usersToken = AUTH.token("alice", "orders.read", "orders.write");

		for (MvcTestResult result : List.of(reserve(usersToken), release(usersToken))) {
			assertThat(result).hasStatus(403).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(403);
		}
		assertThat(mvc.delete()
			.uri("/internal/reservations/{id}", UUID.randomUUID())
			.with(jwt().authorities(new SimpleGrantedAuthority("SCOPE_orders.write")))).hasStatus(403);
	}

	@Test
	void orderServicesTokenReservesAndReleases() {
		String token = AUTH.token("order-service", "inventory.reserve");
		UUID order = UUID.randomUUID();

		assertThat(reserve(token, order)).hasStatus(201);
		assertThat(mvc.get()
			.uri("/internal/reservations/{id}", order)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).hasStatusOk();
		assertThat(release(token, order)).hasStatus(204);
	}

	@Test
	void aTokenThatIsNotValidIsA401SayingSo() {
		Map<String, Object> expired = AUTH.claims("order-service", "inventory.reserve");
		expired.put("iat", Instant.now().minusSeconds(900).getEpochSecond());
		expired.put("nbf", Instant.now().minusSeconds(900).getEpochSecond());
		expired.put("exp", Instant.now().minusSeconds(600).getEpochSecond());
		Map<String, Object> otherAudience = AUTH.claims("order-service", "inventory.reserve");
		otherAudience.put("aud", List.of("some-other-api"));
		Map<String, Object> otherIssuer = AUTH.claims("order-service", "inventory.reserve");
		otherIssuer.put("iss", "http://127.0.0.1:1");

		for (String token : List.of(AUTH.sign(expired), AUTH.sign(otherAudience), AUTH.sign(otherIssuer))) {
			MvcTestResult result = reserve(token);
			assertThat(result).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
		}
	}

	private MvcTestResult reserve(String token) {
		return reserve(token, UUID.randomUUID());
	}

	private MvcTestResult reserve(String token, UUID order) {
		var request = mvc.post()
			.uri("/internal/reservations")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"orderId\": \"" + order + "\", \"lines\": [{\"sku\": \"CB-005\", \"quantity\": 1}]}");
		return (token == null ? request : request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).exchange();
	}

	private MvcTestResult release(String token) {
		return release(token, UUID.randomUUID());
	}

	private MvcTestResult release(String token, UUID order) {
		var request = mvc.delete().uri("/internal/reservations/{id}", order);
		return (token == null ? request : request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).exchange();
	}

}
