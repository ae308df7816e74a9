package dev.twelvefactor.discovery;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A freshly (re)started Eureka server has an empty registry. Handing that out would make
 * every client drop every instance it knows; instead the server refuses registry fetches
 * until instances had time to register again, and clients keep their cached registry
 * meanwhile.
 */
class RestartedRegistryTest {

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "EUREKA_EMPTY_REGISTRY_WAIT_MS=600000", "management.server.port=0", "EUREKA_PASSWORD=e",
					"MONITORING_PASSWORD=m", "ADMIN_PASSWORD=a" })
	@AutoConfigureRestTestClient
	class WhileInstancesReRegister {

		@Autowired
		RestTestClient http;

		@Test
		void refusesToHandOutTheEmptyRegistry() {
			http.get()
				.uri("/eureka/apps")
				.headers(headers -> headers.setBasicAuth("eureka", "e"))
				.accept(MediaType.APPLICATION_JSON)
				.exchange()
				.expectStatus()
				.isForbidden();
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "EUREKA_EMPTY_REGISTRY_WAIT_MS=0", "management.server.port=0", "EUREKA_PASSWORD=e",
					"MONITORING_PASSWORD=m", "ADMIN_PASSWORD=a" })
	@AutoConfigureRestTestClient
	class AfterTheWait {

		@Autowired
		RestTestClient http;

		@Test
		void servesTheRegistry() {
			http.get()
				.uri("/eureka/apps")
				.headers(headers -> headers.setBasicAuth("eureka", "e"))
				.accept(MediaType.APPLICATION_JSON)
				.exchange()
				.expectStatus()
				.isOk();
		}

	}

}
