package dev.twelvefactor.order.inventory;

import dev.twelvefactor.order.OrderIntegrationTest;
import dev.twelvefactor.order.order.Order;
import dev.twelvefactor.order.order.OrderRepository;
import dev.twelvefactor.order.order.OrderStatus;
import dev.twelvefactor.support.admin.AdminTask;
import dev.twelvefactor.testsupport.Contract;
import dev.twelvefactor.testsupport.TestAuthServer;
import dev.twelvefactor.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code admin reconcile} runs in a process without a web server (AdminTasks starts the
 * application so, with platform.admin-task set): it still gets order-service's token and
 * calls inventory-service with it. The same settings as OrderIntegrationTest, without the
 * web environment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.main.web-application-type=none", "platform.admin-task=reconcile",
				"spring.cloud.config.enabled=false", "eureka.client.enabled=false",
				"spring.config.import=file:../config-repo/application.yml,file:../config-repo/order-service.yml",
				"CONFIG_PASSWORD=test-config", "EUREKA_PASSWORD=test-eureka", "MONITORING_PASSWORD=test-monitoring",
				"ADMIN_PASSWORD=test-admin", "ORDER_SERVICE_CLIENT_SECRET=" + OrderIntegrationTest.CLIENT_SECRET })
class AdminProcessTokenTest {

	static final StubInventory INVENTORY = new StubInventory();

	static final TestAuthServer AUTH = TestAuthServer.shared();

	@Autowired
	List<AdminTask> tasks;

	@Autowired
	OrderRepository orders;

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry, "orders");
		AUTH.client("order-service", OrderIntegrationTest.CLIENT_SECRET, "inventory.reserve");
		AUTH.register(registry);
		registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", INVENTORY::uri);
	}

	@Test
	void theReconcileTaskGetsItsTokenWithoutAWebServer() {
		AUTH.restart();
		INVENTORY.answer(Contract.load(Path.of("../contracts/inventory-reservations"))
			.stream()
			.filter(contract -> contract.name().equals("reserve-all-lines"))
			.findFirst()
			.orElseThrow()
			.response());
		UUID id = UUID.randomUUID();
		orders.insertPending(id, "alice", List.of(new Order.OrderLine("KB-001", 2, null)), Duration.ofMinutes(5));
		AdminTask reconcile = tasks.stream().filter(task -> task.name().equals("reconcile")).findFirst().orElseThrow();

		assertThat(reconcile.run(List.of())).isEqualTo(AdminTask.OK);

		assertThat(orders.findById(id).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(AUTH.verify(INVENTORY.lastBearerToken())).containsEntry("sub", "order-service")
			.containsEntry("scope", "inventory.reserve");
	}

}
