package dev.twelvefactor.auth;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers outside the OAuth protocol are problem+json, and the management port is
 * service-support's: health open, metrics for the monitoring user.
 */
class ErrorsAndActuatorTest extends AuthServiceTest {

	@Test
	void aLoginWithoutItsCsrfTokenIsAProblem() {
		HttpResponse<String> response = postForm("/login", Map.of("username", "demo", "password", DEMO_PASSWORD));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(mediaType(response)).isEqualTo("application/problem+json");
		assertThat(json(response).path("detail").asString()).contains("CSRF");
	}

	@Test
	void everyOtherPathLeadsASignedOutBrowserToTheLoginPage() {
		HttpResponse<String> response = get("/nothing-here", "Accept", "text/html");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
	}

	@Test
	void theLoginPagesStylesheetIsOpen() {
		HttpResponse<String> response = get("/default-ui.css");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(mediaType(response)).isEqualTo("text/css");
	}

	@Test
	void healthIsOpenAndMetricsNeedTheMonitoringUser() {
		String management = "http://127.0.0.1:" + managementPort;

		assertThat(get(management + "/actuator/health/readiness").statusCode()).isEqualTo(200);
		HttpResponse<String> anonymous = get(management + "/actuator/prometheus");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(mediaType(anonymous)).isEqualTo("application/problem+json");
		assertThat(get(management + "/actuator/prometheus", "Authorization",
				TokenEndpointTest.basic("monitoring", "test-monitoring"))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void theDemoUserCannotSignInOnTheManagementPort() {
		String management = "http://127.0.0.1:" + managementPort;

		assertThat(get(management + "/actuator/prometheus", "Authorization",
				TokenEndpointTest.basic("demo", DEMO_PASSWORD))
			.statusCode()).isEqualTo(401);
	}

}
