package dev.twelvefactor.launcher.environment;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.secrets.PlatformSecrets;
import dev.twelvefactor.launcher.secrets.Secret;
import dev.twelvefactor.postgres.DatabaseCredentials;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceEnvironmentTest {

	/** What every instance gets: ports, loopback binds, Eureka, the actuator's users. */
	static final Set<String> EVERY_INSTANCE = Set.of("SERVER_PORT", "MANAGEMENT_PORT", "SERVER_ADDRESS",
			"MANAGEMENT_SERVER_ADDRESS", "EUREKA_URL", "EUREKA_PASSWORD", "MONITORING_PASSWORD", "ADMIN_PASSWORD",
			"PUSHGATEWAY_URL");

	/**
	 * What a config client gets besides: config-service, where tokens come from, where
	 * its spans go and which share of requests it traces.
	 */
	static final Set<String> CONFIG_CLIENT = Set.of("INSTANCE_IP", "CONFIG_URL", "CONFIG_PASSWORD", "AUTH_URL",
			"PUBLIC_URL", "ZIPKIN_URL", "TRACING_SAMPLING_PROBABILITY");

	@Test
	void theNamesAreThoseOfAnInstanceWithEveryBackingService() {
		assertThat(InstanceEnvironment.variableNames(Service.DISCOVERY))
			.containsExactlyInAnyOrderElementsOf(EVERY_INSTANCE);
		assertThat(InstanceEnvironment.variableNames(Service.CONFIG)).containsExactlyInAnyOrderElementsOf(
				union(EVERY_INSTANCE, Set.of("INSTANCE_IP", "CONFIG_REPO_PATH", "CONFIG_PASSWORD")));
		assertThat(InstanceEnvironment.variableNames(Service.GATEWAY))
			.containsExactlyInAnyOrderElementsOf(union(EVERY_INSTANCE, CONFIG_CLIENT));
		assertThat(InstanceEnvironment.variableNames(Service.INVENTORY)).containsExactlyInAnyOrderElementsOf(
				union(EVERY_INSTANCE, CONFIG_CLIENT, Set.of("DB_URL", "DB_USERNAME", "DB_PASSWORD")));
		assertThat(InstanceEnvironment.variableNames(Service.ORDER))
			.containsExactlyInAnyOrderElementsOf(union(EVERY_INSTANCE, CONFIG_CLIENT,
					Set.of("DB_URL", "DB_USERNAME", "DB_PASSWORD", "ORDER_SERVICE_CLIENT_SECRET")));
		assertThat(InstanceEnvironment.variableNames(Service.AUTH)).containsExactlyInAnyOrderElementsOf(
				union(EVERY_INSTANCE, CONFIG_CLIENT, Set.of("AUTH_SIGNING_KEY_PATH", "ORDER_SERVICE_CLIENT_SECRET",
						"PLATFORM_CLI_CLIENT_SECRET", "LOAD_GENERATOR_CLIENT_SECRET", "DEMO_USER_PASSWORD")));
	}

	@Test
	void theValuesAreAskedForWhenTheInstanceIsMade() {
		String[] eureka = { "http://127.0.0.1:1/eureka/" };
		Addresses addresses = new Addresses() {

			@Override
			public String eurekaUrl() {
				return eureka[0];
			}

			@Override
			public String configUrl() {
				return "http://127.0.0.1:2";
			}

			@Override
			public String authUrl() {
				return "http://127.0.0.1:8083";
			}

			@Override
			public String gatewayUrl() {
				return "http://127.0.0.1:8080";
			}

			@Override
			public Optional<String> pushgatewayUrl() {
				return Optional.empty();
			}

			@Override
			public Optional<String> zipkinUrl() {
				return Optional.empty();
			}

		};
		InstanceEnvironment environment = new InstanceEnvironment(Path.of("/repo/config-repo"), addresses,
				service -> service.database().map(name -> DatabaseCredentials.local(5433, name)),
				() -> secrets(Path.of("/data/auth-signing-key.pem")));
		eureka[0] = "http://127.0.0.1:3/eureka/";

		Map<String, String> inventory = environment.of(Service.INVENTORY, 8082, 9082);

		assertThat(inventory).containsEntry("SERVER_PORT", "8082")
			.containsEntry("MANAGEMENT_PORT", "9082")
			.containsEntry("EUREKA_URL", "http://eureka:eureka-pw@127.0.0.1:3/eureka/")
			.containsEntry("EUREKA_PASSWORD", "eureka-pw")
			.containsEntry("MONITORING_PASSWORD", "monitoring-pw")
			.containsEntry("ADMIN_PASSWORD", "admin-pw")
			.containsEntry("CONFIG_URL", "http://127.0.0.1:2")
			.containsEntry("CONFIG_PASSWORD", "config-pw")
			.containsEntry("AUTH_URL", "http://127.0.0.1:8083")
			.containsEntry("PUBLIC_URL", "http://127.0.0.1:8080")
			.containsEntry("INSTANCE_IP", "127.0.0.1")
			.containsEntry("DB_URL", "jdbc:postgresql://127.0.0.1:5433/inventory")
			.containsEntry("DB_USERNAME", "inventory_app")
			.doesNotContainKeys("PUSHGATEWAY_URL", "ORDER_SERVICE_CLIENT_SECRET", "DEMO_USER_PASSWORD");
		assertThat(environment.of(Service.CONFIG, 0, 0)).containsEntry("CONFIG_REPO_PATH", "/repo/config-repo")
			.containsEntry("CONFIG_PASSWORD", "config-pw");
		assertThat(environment.of(Service.ORDER, 0, 0)).containsEntry("ORDER_SERVICE_CLIENT_SECRET", "order-pw")
			.doesNotContainKey("PLATFORM_CLI_CLIENT_SECRET");
		assertThat(environment.of(Service.AUTH, 0, 0))
			.containsEntry("AUTH_SIGNING_KEY_PATH", "/data/auth-signing-key.pem")
			.containsEntry("ORDER_SERVICE_CLIENT_SECRET", "order-pw")
			.containsEntry("PLATFORM_CLI_CLIENT_SECRET", "cli-pw")
			.containsEntry("LOAD_GENERATOR_CLIENT_SECRET", "load-pw")
			.containsEntry("DEMO_USER_PASSWORD", "demo-pw");
	}

	/**
	 * Every port of every service, its API and its actuator, listens on the loopback
	 * interface alone.
	 */
	@Test
	void everyInstanceListensOnTheLoopbackAddressOnly() {
		InstanceEnvironment environment = new InstanceEnvironment(Path.of("config-repo"),
				Addresses.fixed("http://127.0.0.1:8761/eureka/", "http://127.0.0.1:8888", "http://127.0.0.1:8083",
						"http://127.0.0.1:8080", Optional.of("http://127.0.0.1:9091"),
						Optional.of("http://127.0.0.1:9411")),
				service -> Optional.empty(), () -> secrets(Path.of("key.pem")));
		for (Service service : Service.values()) {
			assertThat(environment.of(service, 1, 2)).as(service.applicationName())
				.containsEntry("SERVER_ADDRESS", "127.0.0.1")
				.containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1")
				.containsEntry("EUREKA_URL", "http://eureka:eureka-pw@127.0.0.1:8761/eureka/");
		}
	}

	private static PlatformSecrets secrets(Path signingKey) {
		Map<Secret, String> values = new EnumMap<>(Secret.class);
		values.put(Secret.EUREKA_PASSWORD, "eureka-pw");
		values.put(Secret.CONFIG_PASSWORD, "config-pw");
		values.put(Secret.MONITORING_PASSWORD, "monitoring-pw");
		values.put(Secret.ADMIN_PASSWORD, "admin-pw");
		values.put(Secret.ORDER_SERVICE_CLIENT_SECRET, "order-pw");
		values.put(Secret.PLATFORM_CLI_CLIENT_SECRET, "cli-pw");
		values.put(Secret.LOAD_GENERATOR_CLIENT_SECRET, "load-pw");
		values.put(Secret.DEMO_USER_PASSWORD, "demo-pw");
		return PlatformSecrets.of(values, signingKey);
	}

	@SafeVarargs
	private static Set<String> union(Set<String>... sets) {
		Set<String> all = new TreeSet<>();
		for (Set<String> set : sets) {
			all.addAll(set);
		}
		return all;
	}

}
