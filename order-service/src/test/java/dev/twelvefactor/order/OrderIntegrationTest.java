package dev.twelvefactor.order;

import dev.twelvefactor.testsupport.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a real PostgreSQL (a container when Docker is reachable, else the
 * embedded one), with the very settings config-service would serve: config-repo's files,
 * read directly. Discovery is off.
 */
@SpringBootTest(properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false",
		"spring.config.import=file:../config-repo/application.yml,file:../config-repo/order-service.yml",
		"management.server.port=0" })
public abstract class OrderIntegrationTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry, "orders");
	}

}
