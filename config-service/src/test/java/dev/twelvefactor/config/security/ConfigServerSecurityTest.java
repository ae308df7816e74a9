package dev.twelvefactor.config.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration for the user config, encryption for admin, nothing for anyone else. The
 * same settings as NativeBackendTest, so both share one running server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CONFIG_REPO_PATH=../config-repo", "eureka.client.enabled=false", "management.server.port=0",
				"CONFIG_PASSWORD=config-secret", "MONITORING_PASSWORD=m", "ADMIN_PASSWORD=a" })
@AutoConfigureRestTestClient
class ConfigServerSecurityTest {

	@Autowired
	RestTestClient http;

	@Test
	void anonymousReadersGetA401Problem() {
		http.get()
			.uri("/order-service/default")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"config\"")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.instance")
			.isEqualTo("/order-service/default");
		http.get().uri("/order-service-default.yml").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void theConfigUserReads() {
		http.get()
			.uri("/order-service/default")
			.headers(headers -> headers.setBasicAuth("config", "config-secret"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE);
	}

	@Test
	void theConfigUserMayNotEncryptOrDecrypt() {
		for (String path : new String[] { "/encrypt", "/decrypt" }) {
			http.post()
				.uri(path)
				.headers(headers -> headers.setBasicAuth("config", "config-secret"))
				.contentType(MediaType.TEXT_PLAIN)
				.body("secret")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("This needs role ADMIN.");
		}
		http.get()
			.uri("/encrypt/status")
			.headers(headers -> headers.setBasicAuth("config", "config-secret"))
			.exchange()
			.expectStatus()
			.isForbidden();
		http.post()
			.uri("/encrypt")
			.contentType(MediaType.TEXT_PLAIN)
			.body("secret")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	/**
	 * No encryption key is set up here: the server may refuse, but not for lack of
	 * rights.
	 */
	@Test
	void adminGetsPastSecurityToEncrypt() {
		http.post()
			.uri("/encrypt")
			.headers(headers -> headers.setBasicAuth("admin", "a"))
			.contentType(MediaType.TEXT_PLAIN)
			.body("secret")
			.exchange()
			.expectStatus()
			.value(status -> assertThat(status).isNotIn(401, 403));
	}

	/**
	 * admin is for encryption and the actuator, not for reading other services' secrets.
	 */
	@Test
	void adminDoesNotReadConfiguration() {
		http.get()
			.uri("/order-service/default")
			.headers(headers -> headers.setBasicAuth("admin", "a"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

}
