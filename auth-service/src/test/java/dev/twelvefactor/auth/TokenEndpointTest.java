package dev.twelvefactor.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.twelvefactor.auth.signing.SigningKeys;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Machines' tokens: client_credentials at the token endpoint, the key set that verifies
 * them, the discovery document, and the error formats each endpoint answers with.
 */
class TokenEndpointTest extends AuthServiceTest {

	@Test
	void orderServiceGetsAFiveMinuteTokenForThePlatformSignedWithTheKeyFromTheFile() throws ParseException {
		HttpResponse<String> response = clientCredentials("order-service", ORDER_SERVICE_SECRET);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.path("expires_in").asLong()).isBetween(299L, 300L);
		// Checked against the published key set, as every resource server checks it.
		Jwt token = NimbusJwtDecoder.withJwkSetUri(url("/oauth2/jwks"))
			.build()
			.decode(body.path("access_token").asString());
		assertThat(token.getClaimAsString("iss")).isEqualTo(PUBLIC_URL);
		assertThat(token.getAudience()).containsExactly("platform-api");
		assertThat(token.getSubject()).isEqualTo("order-service");
		assertThat(token.getClaimAsStringList("scope")).containsExactly("inventory.reserve");
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofSeconds(300));
		// The key that signed it is the file's, published under the file key's
		// thumbprint.
		String kid = SigningKeys.load(SIGNING_KEY).getKeyID();
		assertThat(token.getHeaders()).containsEntry("kid", kid).containsEntry("alg", "RS256");
		List<JWK> published = JWKSet.parse(get("/oauth2/jwks").body()).getKeys();
		assertThat(published).singleElement().satisfies(key -> {
			assertThat(key.getKeyID()).isEqualTo(kid);
			assertThat(key.isPrivate()).as("private parts published").isFalse();
		});
	}

	@Test
	void theSecretMayAlsoComeInTheForm() {
		HttpResponse<String> response = postForm("/oauth2/token", Map.of("grant_type", "client_credentials",
				"client_id", "order-service", "client_secret", ORDER_SERVICE_SECRET));

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void aWrongSecretGetsOAuthsOwnErrorWith401() {
		HttpResponse<String> response = clientCredentials("order-service", "not-the-secret");

		assertThat(response.statusCode()).isEqualTo(401);
		// RFC 6749 5.2: the JSON every OAuth client parses, not problem+json.
		assertThat(mediaType(response)).isEqualTo("application/json");
		assertThat(json(response).path("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void aScopeTheClientDoesNotHaveGetsOAuthsOwnErrorWith400() {
		HttpResponse<String> response = postForm("/oauth2/token",
				Map.of("grant_type", "client_credentials", "scope", "orders.write"), "Authorization",
				basic("order-service", ORDER_SERVICE_SECRET));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).path("error").asString()).isEqualTo("invalid_scope");
	}

	@Test
	void aClientThatAsksForFewerScopesGetsThoseOnly() {
		HttpResponse<String> response = postForm("/oauth2/token",
				Map.of("grant_type", "client_credentials", "scope", "orders.read"), "Authorization",
				basic("platform-cli", "test-platform-cli-secret"));

		assertThat(response.statusCode()).isEqualTo(200);
		Jwt token = NimbusJwtDecoder.withJwkSetUri(url("/oauth2/jwks"))
			.build()
			.decode(json(response).path("access_token").asString());
		assertThat(token.getSubject()).isEqualTo("platform-cli");
		assertThat(token.getClaimAsStringList("scope")).containsExactly("orders.read");
	}

	@Test
	void aPublicClientOrNoClientAtAllGetsInvalidClientToo() {
		for (Map<String, String> form : List.of(Map.of("grant_type", "client_credentials", "client_id", "api-explorer"),
				Map.of("grant_type", "client_credentials"))) {
			HttpResponse<String> response = postForm("/oauth2/token", form);

			assertThat(response.statusCode()).as(form.toString()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
			assertThat(json(response).path("error").asString()).isEqualTo("invalid_client");
		}
	}

	@Test
	void discoveryAdvertisesThePublicAddressWhicheverAddressItWasAskedOn() {
		JsonNode configuration = json(get("/.well-known/openid-configuration"));

		assertThat(configuration.path("issuer").asString()).isEqualTo(PUBLIC_URL);
		assertThat(configuration.path("token_endpoint").asString()).isEqualTo(PUBLIC_URL + "/oauth2/token");
		assertThat(configuration.path("authorization_endpoint").asString()).isEqualTo(PUBLIC_URL + "/oauth2/authorize");
		assertThat(configuration.path("jwks_uri").asString()).isEqualTo(PUBLIC_URL + "/oauth2/jwks");
		assertThat(json(get("/.well-known/oauth-authorization-server")).path("issuer").asString())
			.isEqualTo(PUBLIC_URL);
	}

	@Test
	void anAuthorizationRequestForAnUnknownClientIsAProblem() {
		HttpResponse<String> response = get("/oauth2/authorize?response_type=code&client_id=nobody", "Accept",
				"text/html");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(mediaType(response)).isEqualTo("application/problem+json");
		assertThat(json(response).path("status").asInt()).isEqualTo(400);
	}

	@Test
	void userInfoWithoutATokenIsAProblemWithABearerChallenge() {
		HttpResponse<String> response = get("/userinfo");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
		assertThat(mediaType(response)).isEqualTo("application/problem+json");
	}

	private HttpResponse<String> clientCredentials(String clientId, String secret) {
		return postForm("/oauth2/token", Map.of("grant_type", "client_credentials"), "Authorization",
				basic(clientId, secret));
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
