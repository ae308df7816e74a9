package dev.twelvefactor.order.inventory;

import dev.twelvefactor.order.OrderIntegrationTest;
import dev.twelvefactor.testsupport.TestAuthServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real InventoryClient (token interceptor, load balancer, circuit breaker, retry)
 * against one stub inventory-service instance found through discovery, and the stand-in
 * auth-service. One Spring context for every such test class. Each test starts with
 * auth-service up, no cached token and a closed circuit breaker, whatever the test before
 * did. The stub instance lives as long as the test JVM (several classes share it).
 */
@AutoConfigureMockMvc
abstract class StubInventoryTest extends OrderIntegrationTest {

	static final StubInventory INVENTORY = new StubInventory();

	static final TestAuthServer AUTH = TestAuthServer.shared();

	@Autowired
	InventoryClient client;

	@Autowired
	OAuth2AuthorizedClientService authorizedClients;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@DynamicPropertySource
	static void stubInstance(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", INVENTORY::uri);
	}

	@BeforeEach
	void freshStart() {
		AUTH.restart();
		authorizedClients.removeAuthorizedClient(InventoryTokenConfiguration.REGISTRATION_ID,
				InventoryTokenConfiguration.SERVICE.getName());
		circuitBreakers.find(InventoryClient.NAME).ifPresent(CircuitBreaker::reset);
	}

}
