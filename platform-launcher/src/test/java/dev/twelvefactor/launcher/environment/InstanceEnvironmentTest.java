package dev.twelvefactor.launcher.environment;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.postgres.DatabaseCredentials;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceEnvironmentTest {

	@Test
	void theNamesAreThoseOfAnInstanceWithEveryBackingService() {
		assertThat(InstanceEnvironment.variableNames(Service.ORDER)).containsExactlyInAnyOrder("SERVER_PORT",
				"MANAGEMENT_PORT", "EUREKA_URL", "INSTANCE_IP", "CONFIG_URL", "PUSHGATEWAY_URL", "DB_URL",
				"DB_USERNAME", "DB_PASSWORD");
		assertThat(InstanceEnvironment.variableNames(Service.DISCOVERY)).containsExactlyInAnyOrder("SERVER_PORT",
				"MANAGEMENT_PORT", "EUREKA_URL", "PUSHGATEWAY_URL");
		assertThat(InstanceEnvironment.variableNames(Service.CONFIG)).contains("CONFIG_REPO_PATH", "INSTANCE_IP")
			.doesNotContain("CONFIG_URL", "DB_URL");
	}

	@Test
	void theValuesAreAskedForWhenTheInstanceIsMade() {
		String[] eureka = { "http://127.0.0.1:1/eureka/" };
		InstanceEnvironment environment = new InstanceEnvironment(Path.of("/repo/config-repo"), () -> eureka[0],
				() -> "http://127.0.0.1:2", Optional::empty,
				service -> service.database().map(name -> DatabaseCredentials.local(5433, name)));
		eureka[0] = "http://127.0.0.1:3/eureka/";

		Map<String, String> inventory = environment.of(Service.INVENTORY, 8082, 9082);

		assertThat(inventory).containsEntry("SERVER_PORT", "8082")
			.containsEntry("MANAGEMENT_PORT", "9082")
			.containsEntry("EUREKA_URL", "http://127.0.0.1:3/eureka/")
			.containsEntry("CONFIG_URL", "http://127.0.0.1:2")
			.containsEntry("INSTANCE_IP", "127.0.0.1")
			.containsEntry("DB_URL", "jdbc:postgresql://127.0.0.1:5433/inventory")
			.containsEntry("DB_USERNAME", "inventory_app")
			.doesNotContainKey("PUSHGATEWAY_URL");
		assertThat(environment.of(Service.CONFIG, 0, 0)).containsEntry("CONFIG_REPO_PATH", "/repo/config-repo");
	}

}
