package dev.twelvefactor.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Access tokens as auth-service issues them, signed with a test RSA key whose public half
 * a stub serves as JWKS: the gateway validates them for real (signature, issuer,
 * audience, expiry) with Spring Boot's decoder. One stub for the whole test run.
 */
public final class TestTokens {

	public static final String ISSUER = "http://gateway.test";

	public static final String AUDIENCE = "platform-api";

	public static final String MONITORING_PASSWORD = "monitoring-test-password";

	public static final String ADMIN_PASSWORD = "admin-test-password";

	private static final TestTokens INSTANCE = new TestTokens();

	private final RSAKey key;

	/** Same key id, another key: what a forged token looks like. */
	private final RSAKey forger;

	private final HttpServer jwks;

	private TestTokens() {
		try {
			key = new RSAKeyGenerator(2048).keyID("test-key").generate();
			forger = new RSAKeyGenerator(2048).keyID("test-key").generate();
			byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			jwks.createContext("/oauth2/jwks", exchange -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, keys.length);
				exchange.getResponseBody().write(keys);
				exchange.close();
			});
			jwks.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The settings the platform gives every resource server (config-repo), pointed at the
	 * stub, and the management users' passwords.
	 */
	public static void register(DynamicPropertyRegistry registry) {
		String authUrl = "http://127.0.0.1:" + INSTANCE.jwks.getAddress().getPort();
		registry.add("PUBLIC_URL", () -> ISSUER);
		registry.add("AUTH_URL", () -> authUrl);
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> authUrl + "/oauth2/jwks");
		registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
		registry.add("MONITORING_PASSWORD", () -> MONITORING_PASSWORD);
		registry.add("ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
		registry.add("CONFIG_PASSWORD", () -> "config-test-password");
		registry.add("EUREKA_PASSWORD", () -> "eureka-test-password");
	}

	/** A valid token for the subject with these scopes. */
	public static String token(String subject, String... scopes) {
		return INSTANCE.sign(INSTANCE.key, ISSUER, AUDIENCE, subject, Duration.ofMinutes(5), scopes);
	}

	public static String expired(String subject, String... scopes) {
		return INSTANCE.sign(INSTANCE.key, ISSUER, AUDIENCE, subject, Duration.ofMinutes(-10), scopes);
	}

	public static String fromIssuer(String issuer, String subject, String... scopes) {
		return INSTANCE.sign(INSTANCE.key, issuer, AUDIENCE, subject, Duration.ofMinutes(5), scopes);
	}

	public static String forAudience(String audience, String subject, String... scopes) {
		return INSTANCE.sign(INSTANCE.key, ISSUER, audience, subject, Duration.ofMinutes(5), scopes);
	}

	public static String forged(String subject, String... scopes) {
		return INSTANCE.sign(INSTANCE.forger, ISSUER, AUDIENCE, subject, Duration.ofMinutes(5), scopes);
	}

	private String sign(RSAKey signingKey, String issuer, String audience, String subject, Duration lifetime,
			String... scopes) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience(List.of(audience))
			.subject(subject)
			.claim("scope", String.join(" ", scopes))
			.issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
			.notBeforeTime(Date.from(now.minus(Duration.ofMinutes(20))))
			.expirationTime(Date.from(now.plus(lifetime)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(signingKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
