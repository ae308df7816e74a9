package dev.twelvefactor.support.security;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource server's {@code JwtDecoder} as Spring Boot builds it, with the platform's
 * customizer, against a real HTTP endpoint serving the key set.
 */
class JwkSetCachingAutoConfigurationTest {

	final List<RSAKey> published = new CopyOnWriteArrayList<>();

	final AtomicInteger fetches = new AtomicInteger();

	HttpServer authService;

	@AfterEach
	void stopAuthService() {
		if (authService != null) {
			authService.stop(0);
		}
	}

	@Test
	void theKeySetIsFetchedOnceAndServesWhileAuthServiceIsAway() throws Exception {
		RSAKey key = newKey("first");
		published.add(key);
		int port = startAuthService(0);
		runner(port).run((context) -> {
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			for (int i = 0; i < 5; i++) {
				assertThat(decoder.decode(token(key, "user-" + i)).getSubject()).isEqualTo("user-" + i);
			}
			authService.stop(0);
			assertThat(decoder.decode(token(key, "later")).getSubject()).isEqualTo("later");
			assertThat(fetches).hasValue(1);
		});
	}

	@Test
	void aTokenSignedWithANewKeyFetchesTheSetAgain() throws Exception {
		RSAKey first = newKey("first");
		published.add(first);
		int port = startAuthService(0);
		runner(port).run((context) -> {
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			decoder.decode(token(first, "before"));
			RSAKey rotated = newKey("rotated");
			published.add(rotated);
			assertThat(decoder.decode(token(rotated, "after")).getSubject()).isEqualTo("after");
			assertThat(decoder.decode(token(first, "old key still listed")).getSubject())
				.isEqualTo("old key still listed");
			assertThat(fetches).hasValue(2);
		});
	}

	WebApplicationContextRunner runner(int port) {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JwkSetCachingAutoConfiguration.class,
					OAuth2ResourceServerAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class))
			.withPropertyValues(
					"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:" + port + "/oauth2/jwks");
	}

	int startAuthService(int port) throws IOException {
		authService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		authService.createContext("/oauth2/jwks", (exchange) -> {
			fetches.incrementAndGet();
			byte[] body = new JWKSet(List.copyOf(published)).toPublicJWKSet()
				.toString()
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		authService.start();
		return authService.getAddress().getPort();
	}

	static RSAKey newKey(String keyId) throws JOSEException {
		return new RSAKeyGenerator(2048).keyID(keyId).generate();
	}

	static String token(RSAKey key, String subject) throws JOSEException {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
