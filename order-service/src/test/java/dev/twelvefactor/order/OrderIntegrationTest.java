package dev.twelvefactor.order;

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
 * get test values. The scheduled reconciler waits an hour: the tests run it themselves,
 * and a pass of its own would claim their orders (and, with several contexts on one
 * database, those of other tests) under their feet.
 */
@SpringBootTest(properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false",
		"spring.config.import=file:../config-repo/application.yml,file:../config-repo/order-service.yml",
		"management.server.port=0", "CONFIG_PASSWORD=test-config", "EUREKA_PASSWORD=test-eureka",
		"MONITORING_PASSWORD=test-monitoring", "ADMIN_PASSWORD=test-admin", "orders.reconciler.interval=1h",
		"ORDER_SERVICE_CLIENT_SECRET=" + OrderIntegrationTest.CLIENT_SECRET })
public abstract class OrderIntegrationTest {

	/** order-service's client secret at the stand-in auth-service. */
	public static final String CLIENT_SECRET = "order-service-test-secret";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry, "orders");
		TestAuthServer auth = TestAuthServer.shared();
		auth.client("order-service", CLIENT_SECRET, "inventory.reserve");
		auth.register(registry);
	}

}
