package dev.twelvefactor.config;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The default backend serves the repository's own config-repo/ folder. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CONFIG_REPO_PATH=../config-repo", "eureka.client.enabled=false", "management.server.port=0",
				"CONFIG_PASSWORD=config-secret", "MONITORING_PASSWORD=m", "ADMIN_PASSWORD=a" })
@AutoConfigureRestTestClient
class NativeBackendTest {

	@Autowired
	RestTestClient http;

	@Test
	void servesSharedAndServiceSettings() {
		http.get()
			.uri("/order-service/default")
			.headers(headers -> headers.setBasicAuth("config", "config-secret"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.propertySources[?(@.name =~ /.*order-service.yml/)].source['spring.datasource.url']")
			.exists()
			.jsonPath(
					"$.propertySources[?(@.name =~ /.*application.yml/)].source['eureka.client.registry-fetch-interval-seconds']")
			.isEqualTo(2);
	}

	@Test
	void servesTheGatewayRoutes() {
		http.get()
			.uri("/gateway-service/default")
			.headers(headers -> headers.setBasicAuth("config", "config-secret"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.propertySources[0].source['spring.cloud.gateway.server.webflux.routes[0].uri']")
			.isEqualTo("lb://inventory-service");
	}

}
