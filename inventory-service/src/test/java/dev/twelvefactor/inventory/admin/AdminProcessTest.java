package dev.twelvefactor.inventory.admin;

import dev.twelvefactor.inventory.product.ProductRepository;
import dev.twelvefactor.support.admin.AdminTask;
import dev.twelvefactor.testsupport.TestAuthServer;
import dev.twelvefactor.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin process (AdminTasks starts the application without a web server, with
 * platform.admin-task set) starts although the service is a resource server, whose
 * security needs a web server, and its tasks work. The same settings as
 * InventoryIntegrationTest, without the web environment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.main.web-application-type=none", "platform.admin-task=restock",
				"spring.cloud.config.enabled=false", "eureka.client.enabled=false",
				"spring.config.import=file:../config-repo/application.yml,file:../config-repo/inventory-service.yml",
				"CONFIG_PASSWORD=test-config", "EUREKA_PASSWORD=test-eureka", "MONITORING_PASSWORD=test-monitoring",
				"ADMIN_PASSWORD=test-admin" })
class AdminProcessTest {

	@Autowired
	RestockTask restock;

	@Autowired
	ProductRepository products;

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry, "inventory");
		TestAuthServer.shared().register(registry);
	}

	@Test
	void restocksWithoutAWebServer() {
		int before = products.findBySku("DK-006").orElseThrow().onHand();

		assertThat(restock.run(List.of("DK-006", "3"))).isEqualTo(AdminTask.OK);

		assertThat(products.findBySku("DK-006").orElseThrow().onHand()).isEqualTo(before + 3);
	}

}
