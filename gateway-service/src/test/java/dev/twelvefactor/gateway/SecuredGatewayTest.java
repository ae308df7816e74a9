package dev.twelvefactor.gateway;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway, with config-repo's settings, for the security tests: a live stub instance
 * of each service behind it, tokens from {@link TestTokens}, CORS allowed for
 * {@value #ALLOWED_ORIGIN}, the Prometheus registry on. The tests that extend it share
 * this context; the stubs live as long as the test JVM, as the cached context does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false",
				"spring.config.import=file:../config-repo/application.yml,file:../config-repo/gateway-service.yml",
				"management.server.port=0", "GATEWAY_CORS_ALLOWED_ORIGINS=" + SecuredGatewayTest.ALLOWED_ORIGIN,
				"management.prometheus.metrics.export.enabled=true" })
@AutoConfigureWebTestClient(timeout = "30s")
abstract class SecuredGatewayTest {

	static final String ALLOWED_ORIGIN = "https://shop.example";

	static final StubInstance ORDERS = StubInstance.start("orders");

	static final StubInstance INVENTORY = StubInstance.start("inventory");

	static final StubInstance AUTH = StubInstance.start("auth");

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		TestTokens.register(registry);
		String simple = "spring.cloud.discovery.client.simple.instances.";
		registry.add(simple + "order-service[0].uri", ORDERS::uri);
		registry.add(simple + "order-service[0].instance-id", () -> "orders");
		registry.add(simple + "inventory-service[0].uri", INVENTORY::uri);
		registry.add(simple + "inventory-service[0].instance-id", () -> "inventory");
		registry.add(simple + "auth-service[0].uri", AUTH::uri);
		registry.add(simple + "auth-service[0].instance-id", () -> "auth");
	}

}
