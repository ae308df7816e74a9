package dev.twelvefactor.auth;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signs in for Swagger UI ({@code api-explorer}, a public client): authorization
 * code with PKCE, walked through as a browser does, cookie by cookie and redirect by
 * redirect.
 */
class AuthorizationCodeFlowTest extends AuthServiceTest {

	private static final String REDIRECT_URI = PUBLIC_URL + "/swagger-ui/oauth2-redirect.html";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String verifier = randomVerifier();

	@Test
	void theDemoUserSignsInAndTheCodeIsExchangedWithTheVerifier() {
		// Not signed in yet: to the login page, and back after it.
		HttpResponse<String> authorize = get(authorizeUrl(challenge(verifier)), "Accept", "text/html");
		assertThat(authorize.statusCode()).isEqualTo(302);
		assertThat(location(authorize)).isEqualTo(url("/login"));

		HttpResponse<String> loginPage = get("/login", "Accept", "text/html");
		assertThat(loginPage.statusCode()).isEqualTo(200);
		Matcher csrf = CSRF.matcher(loginPage.body());
		assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
		HttpResponse<String> login = postForm("/login",
				Map.of("username", "demo", "password", DEMO_PASSWORD, "_csrf", csrf.group(1)), "Accept", "text/html");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(location(login)).startsWith(url("/oauth2/authorize?"));

		// Signed in, no consent screen: straight back to Swagger UI with a code.
		HttpResponse<String> authorized = get(location(login), "Accept", "text/html");
		assertThat(authorized.statusCode()).isEqualTo(302);
		UriComponents callback = UriComponentsBuilder.fromUriString(location(authorized)).build();
		assertThat(callback.toUriString()).startsWith(REDIRECT_URI + "?");
		assertThat(callback.getQueryParams().getFirst("state")).isEqualTo("state-1");
		String code = callback.getQueryParams().getFirst("code");
		assertThat(code).isNotBlank();

		HttpResponse<String> token = postForm("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT_URI, "client_id", "api-explorer", "code_verifier", verifier));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		JsonNode body = json(token);
		JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(url("/oauth2/jwks")).build();
		Jwt accessToken = decoder.decode(body.path("access_token").asString());
		assertThat(accessToken.getSubject()).isEqualTo("demo");
		assertThat(accessToken.getClaimAsStringList("scope")).contains("orders.read", "orders.write");
		assertThat(accessToken.getAudience()).containsExactly("platform-api");
		assertThat(accessToken.getClaimAsString("iss")).isEqualTo(PUBLIC_URL);
		// The ID token is for the client itself, as OpenID Connect requires.
		Jwt idToken = decoder.decode(body.path("id_token").asString());
		assertThat(idToken.getAudience()).containsExactly("api-explorer");
		assertThat(body.has("refresh_token")).as("refresh token for a public client").isFalse();

		// The token is good for /userinfo too.
		HttpResponse<String> userInfo = get("/userinfo", "Authorization", "Bearer " + accessToken.getTokenValue());
		assertThat(userInfo.statusCode()).isEqualTo(200);
		assertThat(json(userInfo).path("sub").asString()).isEqualTo("demo");
	}

	@Test
	void aCodeIsNotExchangedWithoutTheRightVerifier() {
		String code = signInAndAuthorize();

		HttpResponse<String> token = postForm("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT_URI, "client_id", "api-explorer", "code_verifier", randomVerifier()));

		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(json(token).path("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void anAuthorizationRequestWithoutPkceIsRefused() {
		String withoutChallenge = "/oauth2/authorize?response_type=code&client_id=api-explorer&scope=orders.read"
				+ "&state=state-1&redirect_uri=" + REDIRECT_URI;

		HttpResponse<String> authorize = get(withoutChallenge, "Accept", "text/html");

		// The redirect URI is the client's own: the error goes back to it (RFC 6749
		// 4.1.2.1).
		assertThat(authorize.statusCode()).isEqualTo(302);
		assertThat(location(authorize)).startsWith(REDIRECT_URI + "?").contains("error=invalid_request");
	}

	@Test
	void aWrongPasswordStaysOnTheLoginPage() {
		HttpResponse<String> loginPage = get("/login", "Accept", "text/html");
		Matcher csrf = CSRF.matcher(loginPage.body());
		assertThat(csrf.find()).isTrue();

		HttpResponse<String> login = postForm("/login",
				Map.of("username", "demo", "password", "wrong", "_csrf", csrf.group(1)), "Accept", "text/html");

		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(location(login)).isEqualTo(url("/login?error"));
	}

	/**
	 * Behind the gateway, which keeps the Host header and adds X-Forwarded-*: the
	 * redirect to the login page names the gateway, so the browser stays on it.
	 */
	@Test
	void redirectsNameTheAddressTheBrowserUsed() {
		HttpResponse<String> authorize = get(authorizeUrl(challenge(verifier)), "Accept", "text/html",
				"X-Forwarded-Host", "platform.example.test:8443", "X-Forwarded-Proto", "https");

		assertThat(authorize.statusCode()).isEqualTo(302);
		assertThat(location(authorize)).isEqualTo(PUBLIC_URL + "/login");
	}

	private String signInAndAuthorize() {
		get(authorizeUrl(challenge(verifier)), "Accept", "text/html");
		Matcher csrf = CSRF.matcher(get("/login", "Accept", "text/html").body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> login = postForm("/login",
				Map.of("username", "demo", "password", DEMO_PASSWORD, "_csrf", csrf.group(1)), "Accept", "text/html");
		HttpResponse<String> authorized = get(location(login), "Accept", "text/html");
		return UriComponentsBuilder.fromUriString(location(authorized)).build().getQueryParams().getFirst("code");
	}

	private String authorizeUrl(String challenge) {
		return "/oauth2/authorize?response_type=code&client_id=api-explorer"
				+ "&scope=openid%20orders.read%20orders.write&state=state-1&redirect_uri=" + REDIRECT_URI
				+ "&code_challenge=" + challenge + "&code_challenge_method=S256";
	}

	private String location(HttpResponse<String> response) {
		String location = response.headers().firstValue("Location").orElseThrow();
		return URI.create(url("/")).resolve(location).toString();
	}

	private static String randomVerifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
