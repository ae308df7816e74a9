package dev.twelvefactor.inventory;

import dev.twelvefactor.testsupport.TestAuthServer;
import dev.twelvefactor.testsupport.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a real PostgreSQL (a container when Docker is reachable, else the
 * embedded one), with the very settings config-service would serve: config-repo's files,
 * read directly. Discovery is off. auth-service is played by {@link TestAuthServer}
 * (AUTH_URL and PUBLIC_URL point at it); the secrets, which have no fallback anywhere,
 * get test values.
 */
@SpringBootTest(properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false",
		"spring.config.import=file:../config-repo/application.yml,file:../config-repo/inventory-service.yml",
		"management.server.port=0", "CONFIG_PASSWORD=test-config", "EUREKA_PASSWORD=test-eureka",
		"MONITORING_PASSWORD=test-monitoring", "ADMIN_PASSWORD=test-admin" })
public abstract class InventoryIntegrationTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry, "inventory");
		TestAuthServer.shared().register(registry);
	}

}
