package dev.twelvefactor.gateway;

import dev.twelvefactor.gateway.observability.GatewayRefusals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what on the public port: tokens validated for real against a JWKS stub,
 * scopes per method, anonymous reads, problem+json refusals, security headers, CORS,
 * auth-service's route and the API explorer.
 */
class GatewaySecurityTest extends SecuredGatewayTest {

	@Autowired
	WebTestClient http;

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry registry;

	/** Refused before routing, but counted under the route the request was for. */
	@Test
	void refusalsAreCountedPerRouteAndStatus() {
		double before = refusals("order-service", "401");
		double unrouted = refusals(GatewayRefusals.NO_ROUTE, "401");
		http.get().uri("/api/orders").exchange().expectStatus().isUnauthorized();
		http.get().uri("/no/such/route").exchange().expectStatus().isUnauthorized();
		assertThat(refusals("order-service", "401")).isEqualTo(before + 1);
		assertThat(refusals(GatewayRefusals.NO_ROUTE, "401")).isEqualTo(unrouted + 1);
	}

	private double refusals(String route, String status) {
		Counter counter = registry.find("gateway.refusals").tag("route", route).tag("status", status).counter();
		return counter == null ? 0 : counter.count();
	}

	@Test
	void withoutATokenOrdersAreA401ProblemWithABearerChallenge() {
		http.get()
			.uri("/api/orders")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueMatches(HttpHeaders.CACHE_CONTROL, ".*no-store.*")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.title")
			.isEqualTo("Unauthorized")
			.jsonPath("$.instance")
			.isEqualTo("/api/orders")
			.jsonPath("$.detail")
			.value(detail -> assertThat(detail.toString()).contains("Authorization: Bearer"));
	}

	static Set<Map.Entry<String, String>> refusedTokens() {
		return Map
			.of("expired", TestTokens.expired("alice", "orders.read"), "another issuer",
					TestTokens.fromIssuer("http://elsewhere.test", "alice", "orders.read"), "another audience",
					TestTokens.forAudience("another-api", "alice", "orders.read"), "a forged signature",
					TestTokens.forged("alice", "orders.read"), "no JWT at all", "not-a-token")
			.entrySet();
	}

	@ParameterizedTest
	@MethodSource("refusedTokens")
	void aTokenThatFailsValidationIsA401Problem(Map.Entry<String, String> token) {
		int before = ORDERS.requests();
		http.get()
			.uri("/api/orders/1")
			.headers(headers -> headers.setBearerAuth(token.getValue()))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\".*")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Unauthorized")
			.jsonPath("$.detail")
			.value(detail -> assertThat(detail.toString()).as(token.getKey())
				.startsWith("The access token was refused: "));
		assertThat(ORDERS.requests()).as("nothing reaches the service").isEqualTo(before);
	}

	@Test
	void aTokenWithoutOrdersWriteCannotPlaceAnOrder() {
		http.post()
			.uri("/api/orders")
			.headers(headers -> headers.setBearerAuth(TestTokens.token("reader", "orders.read")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\".*")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403)
			.jsonPath("$.detail")
			.value(detail -> assertThat(detail.toString()).contains("orders.write"));
	}

	@Test
	void aValidTokenWithTheScopeReachesTheServiceWhichGetsItToo() {
		String token = TestTokens.token("reader", "orders.read");
		http.get()
			.uri("/api/orders/7")
			.headers(headers -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueMatches(HttpHeaders.CACHE_CONTROL, ".*no-store.*")
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE)
			.expectBody()
			.jsonPath("$.instance")
			.isEqualTo("orders");
		assertThat(ORDERS.lastHeader(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
	}

	@Test
	void productsAndTheApiDocumentsAreOpenToReadButNotToChange() {
		for (String path : new String[] { "/api/inventory/products", "/api/inventory/products/KB-001",
				"/api/inventory/openapi", "/api/orders/openapi" }) {
			http.get().uri(path).exchange().expectStatus().isOk();
		}
		http.post()
			.uri("/api/inventory/products")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void anythingElseNeedsAToken() {
		http.get().uri("/api/other").exchange().expectStatus().isUnauthorized();
		http.get().uri("/v3/api-docs").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void authServiceIsReachedAnonymouslyAtTheGatewaysAddress() {
		http.get()
			.uri("/.well-known/openid-configuration")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.instance")
			.isEqualTo("auth")
			.jsonPath("$.host")
			.isEqualTo("localhost:" + environment.getProperty("local.server.port"));
		http.post().uri("/oauth2/token").exchange().expectStatus().isOk();
		http.post().uri("/login").exchange().expectStatus().isOk();
	}

	@Test
	void theApiExplorerIsOpenAndSignsInWithPkce() {
		for (String path : new String[] { "/swagger-ui/index.html", "/swagger-ui/oauth2-redirect.html" }) {
			http.get().uri(path).exchange().expectStatus().isOk();
		}
		http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
		http.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls[*].url")
			.value(urls -> assertThat(urls.toString().replace("\\/", "/")).contains("/api/orders/openapi",
					"/api/inventory/openapi"))
			.jsonPath("$.oauth2RedirectUrl")
			.isEqualTo(TestTokens.ISSUER + "/swagger-ui/oauth2-redirect.html");
		http.get()
			.uri("/swagger-ui/swagger-initializer.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(script -> assertThat(script).contains("api-explorer", "usePkceWithAuthorizationCodeGrant"));
	}

	@Test
	void aPreflightFromAnUnknownOriginIsRefused() {
		preflight("https://evil.example").expectStatus().isForbidden();
	}

	@Test
	void aPreflightFromAConfiguredOriginIsAllowed() {
		preflight("https://shop.example").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://shop.example")
			.expectHeader()
			.valueMatches(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "(?i).*authorization.*");
	}

	private WebTestClient.ResponseSpec preflight(String origin) {
		return http.options()
			.uri("/api/orders")
			.header(HttpHeaders.ORIGIN, origin)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
			.exchange();
	}

}
