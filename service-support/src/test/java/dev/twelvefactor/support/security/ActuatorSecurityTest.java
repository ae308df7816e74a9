package dev.twelvefactor.support.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management chain on a management port of its own (a child context, as in every
 * service), next to an application that has a main-port chain and users of its own.
 */
@SpringBootTest(classes = ActuatorSecurityTest.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "platform.security.monitoring-password=monitoring-secret",
				"platform.security.admin-password=admin-secret",
				"management.endpoints.web.exposure.include=health,info,prometheus,metrics,refresh",
				"management.endpoint.health.show-details=when-authorized",
				"management.endpoint.health.roles=MONITORING,ADMIN", "management.endpoint.health.probes.enabled=true",
				"eureka.client.enabled=false", "spring.cloud.config.enabled=false",
				"spring.cloud.discovery.enabled=false" },
		// refresh rebuilds the environment from the standard property sources only (the
		// command line's among them): it must know there is no config-service either.
		args = { "--spring.cloud.config.enabled=false", "--spring.cloud.config.import-check.enabled=false" })
class ActuatorSecurityTest {

	@Autowired
	Environment environment;

	RestTestClient management;

	RestTestClient main;

	@BeforeEach
	void clients() {
		management = RestTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + environment.getRequiredProperty("local.management.port"))
			.build();
		main = RestTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port"))
			.build();
	}

	@Test
	void healthAndProbesAreOpenWithoutDetails() {
		management.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components")
			.doesNotExist();
		management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	@Test
	void healthShowsDetailsToMonitoring() {
		management.get()
			.uri("/actuator/health")
			.headers(headers -> headers.setBasicAuth("monitoring", "monitoring-secret"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.diskSpace")
			.exists();
	}

	@Test
	void prometheusNeedsCredentials() {
		management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"actuator\"")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.title")
			.isEqualTo("Unauthorized")
			.jsonPath("$.type")
			.isEqualTo("about:blank")
			.jsonPath("$.instance")
			.isEqualTo("/actuator/prometheus")
			.jsonPath("$.detail")
			.isEqualTo("This needs HTTP Basic credentials (realm actuator).");
	}

	@Test
	void aWrongPasswordIsToldApart() {
		management.get()
			.uri("/actuator/prometheus")
			.headers(headers -> headers.setBasicAuth("monitoring", "guessed"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The user name or password is not right.");
	}

	@Test
	void monitoringReadsMetricsButRefreshesNothing() {
		for (String endpoint : new String[] { "prometheus", "metrics", "info" }) {
			management.get()
				.uri("/actuator/" + endpoint)
				.headers(headers -> headers.setBasicAuth("monitoring", "monitoring-secret"))
				.exchange()
				.expectStatus()
				.isOk();
		}
		management.post()
			.uri("/actuator/refresh")
			.headers(headers -> headers.setBasicAuth("monitoring", "monitoring-secret"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403)
			.jsonPath("$.detail")
			.isEqualTo("This needs role ADMIN.");
	}

	@Test
	void adminRefreshes() {
		management.post()
			.uri("/actuator/refresh")
			.headers(headers -> headers.setBasicAuth("admin", "admin-secret"))
			.exchange()
			.expectStatus()
			.isOk();
		management.get()
			.uri("/actuator/prometheus")
			.headers(headers -> headers.setBasicAuth("admin", "admin-secret"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void theLinksPageIsForAdminOnly() {
		management.get()
			.uri("/actuator")
			.headers(headers -> headers.setBasicAuth("monitoring", "monitoring-secret"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void eachPortKnowsOnlyItsOwnUsers() {
		main.get()
			.uri("/x")
			.headers(headers -> headers.setBasicAuth("app", "app-secret"))
			.exchange()
			.expectStatus()
			.isOk();
		main.get()
			.uri("/x")
			.headers(headers -> headers.setBasicAuth("admin", "admin-secret"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		management.get()
			.uri("/actuator/prometheus")
			.headers(headers -> headers.setBasicAuth("app", "app-secret"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void noSessionIsCreated() {
		management.get()
			.uri("/actuator/prometheus")
			.headers(headers -> headers.setBasicAuth("monitoring", "monitoring-secret"))
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE);
		assertThat(environment.getProperty("local.management.port"))
			.isNotEqualTo(environment.getProperty("local.server.port"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class Application {

		@GetMapping("/x")
		String x() {
			return "ok";
		}

		/** The application's own users and main-port chain, as a service has them. */
		@Bean
		UserDetailsService applicationUsers() {
			return new InMemoryUserDetailsManager(ControlPlaneUsers.user("app", "app-secret", "APP"));
		}

		@Bean
		SecurityFilterChain mainChain(HttpSecurity http) {
			http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults());
			return http.build();
		}

	}

}
