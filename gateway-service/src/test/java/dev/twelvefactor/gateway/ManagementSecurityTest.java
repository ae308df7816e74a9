package dev.twelvefactor.gateway;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management port (a server of its own): health open without details, metrics for
 * monitoring or admin, everything else for admin; HTTP Basic users of its own, which the
 * public port does not know.
 */
class ManagementSecurityTest extends SecuredGatewayTest {

	@Autowired
	Environment environment;

	@Autowired
	WebTestClient publicPort;

	WebTestClient management;

	@BeforeEach
	void managementClient() {
		// A connection of its own per request: in one CI run a health request went
		// unanswered for 30 s right after another test's requests; a fresh connection
		// rules out reusing a pooled one the server was closing.
		management = WebTestClient
			.bindToServer(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
			.baseUrl("http://127.0.0.1:" + environment.getRequiredProperty("local.management.port"))
			.responseTimeout(Duration.ofSeconds(30))
			// The Prometheus page is larger than the default 256 KB.
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}

	@Test
	void healthAndItsProbesAreOpenWithoutDetails() {
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness",
				"/actuator/health/readiness" }) {
			management.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP")
				.jsonPath("$.components")
				.doesNotExist();
		}
	}

	@Test
	void prometheusNeedsTheMonitoringUser() {
		management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"management\".*")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Unauthorized");
		management.get()
			.uri("/actuator/prometheus")
			.headers(headers -> headers.setBasicAuth("monitoring", "wrong"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		// One routed request, so that the gateway's request meters exist
		// whichever test ran before.
		publicPort.get().uri("/api/inventory/products").exchange().expectStatus().isOk();
		management.get()
			.uri("/actuator/prometheus")
			.headers(headers -> headers.setBasicAuth("monitoring", TestTokens.MONITORING_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(body -> assertThat(body).contains("spring_cloud_gateway_requests"));
		management.get()
			.uri("/actuator/metrics")
			.headers(headers -> headers.setBasicAuth("admin", TestTokens.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void otherEndpointsAreForAdminOnly() {
		management.post()
			.uri("/actuator/refresh")
			.headers(headers -> headers.setBasicAuth("monitoring", TestTokens.MONITORING_PASSWORD))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		management.get()
			.uri("/actuator")
			.headers(headers -> headers.setBasicAuth("admin", TestTokens.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void detailsOfHealthNeedCredentials() {
		management.get()
			.uri("/actuator/health")
			.headers(headers -> headers.setBasicAuth("admin", TestTokens.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components")
			.exists();
	}

	@Test
	void theManagementUsersMeanNothingOnThePublicPort() {
		publicPort.get()
			.uri("/api/orders")
			.headers(headers -> headers.setBasicAuth("admin", TestTokens.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*");
	}

}
