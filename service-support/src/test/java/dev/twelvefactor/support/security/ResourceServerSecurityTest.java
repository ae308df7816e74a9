package dev.twelvefactor.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's main chain made a resource server by {@link ResourceServerSecurity}, with
 * its own rules on top. Tokens are decoded by a stand-in for the JwtDecoder Spring Boot
 * configures: the token text names the case.
 */
@SpringBootTest(classes = ResourceServerSecurityTest.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "platform.security.monitoring-password=m",
				"platform.security.admin-password=a", "eureka.client.enabled=false",
				"spring.cloud.config.enabled=false", "spring.cloud.discovery.enabled=false" })
@AutoConfigureRestTestClient
class ResourceServerSecurityTest {

	@Autowired
	RestTestClient http;

	@Test
	void withoutATokenA401ProblemWithABearerChallenge() {
		http.get()
			.uri("/api/orders")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"))
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("A bearer token is required.");
	}

	@Test
	void anExpiredToken() {
		http.get()
			.uri("/api/orders")
			.headers(headers -> headers.setBearerAuth("expired"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The token has expired.");
	}

	@Test
	void aTokenWithTheScopeIsServed() {
		http.get()
			.uri("/api/orders")
			.headers(headers -> headers.setBearerAuth("reader"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE);
	}

	@Test
	void aTokenWithoutTheScopeGetsA403NamingIt() {
		http.post()
			.uri("/api/orders")
			.headers(headers -> headers.setBearerAuth("reader"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).contains("error=\"insufficient_scope\""))
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("This needs scope orders.write.");
	}

	@Test
	void postsNeedNoCsrfToken() {
		http.post()
			.uri("/api/orders")
			.headers(headers -> headers.setBearerAuth("writer"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	/**
	 * The error page a failure is forwarded to is not checked again: the failure stays a
	 * 500, not a 403 for /error.
	 */
	@Test
	void aFailureStaysAFailure() {
		http.get()
			.uri("/api/orders/broken")
			.headers(headers -> headers.setBearerAuth("reader"))
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class Application {

		@GetMapping("/api/orders")
		String list() {
			return "[]";
		}

		@GetMapping("/api/orders/broken")
		String broken() {
			throw new IllegalStateException("broken");
		}

		@PostMapping("/api/orders")
		String place() {
			return "{}";
		}

		@Bean
		SecurityFilterChain api(HttpSecurity http) {
			ResourceServerSecurity.apply(http)
				.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/api/orders/**")
					.hasAuthority("SCOPE_orders.read")
					.requestMatchers("/api/orders/**")
					.hasAuthority("SCOPE_orders.write")
					.anyRequest()
					.denyAll());
			return http.build();
		}

		@Bean
		JwtDecoder jwtDecoder() {
			return token -> switch (token) {
				case "reader" -> jwt(token, "orders.read");
				case "writer" -> jwt(token, "orders.read orders.write");
				case "expired" -> throw new JwtValidationException("expired", List
					.of(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "Jwt expired at 2026-01-01T00:00:00Z", null)));
				default -> throw new BadJwtException("Malformed token");
			};
		}

		private static Jwt jwt(String token, String scope) {
			return Jwt.withTokenValue(token)
				.header("alg", "RS256")
				.subject("platform-cli")
				.claim("scope", scope)
				.issuedAt(Instant.now())
				.expiresAt(Instant.now().plusSeconds(300))
				.build();
		}

	}

}
