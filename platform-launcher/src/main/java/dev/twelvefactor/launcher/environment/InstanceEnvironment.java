package dev.twelvefactor.launcher.environment;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.postgres.DatabaseCredentials;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The instance's whole configuration, as environment variables (factor III). Compose and
 * Kubernetes set the same names; everything else comes from config-service. The addresses
 * are asked for when an instance is started, since they change as the platform starts
 * (discovery's port, the Pushgateway's).
 */
public final class InstanceEnvironment {

	private final Path configRepo;

	private final Supplier<String> eurekaUrl;

	private final Supplier<String> configUrl;

	private final Supplier<Optional<String>> pushgatewayUrl;

	private final Function<Service, Optional<DatabaseCredentials>> databases;

	public InstanceEnvironment(Path configRepo, Supplier<String> eurekaUrl, Supplier<String> configUrl,
			Supplier<Optional<String>> pushgatewayUrl, Function<Service, Optional<DatabaseCredentials>> databases) {
		this.configRepo = configRepo;
		this.eurekaUrl = eurekaUrl;
		this.configUrl = configUrl;
		this.pushgatewayUrl = pushgatewayUrl;
		this.databases = databases;
	}

	/**
	 * The names of the environment variables the launcher sets for an instance of
	 * {@code service}, with every backing service present: compose and Kubernetes must
	 * set the same names (factor X), which the deployment tests check.
	 */
	public static Set<String> variableNames(Service service) {
		InstanceEnvironment everything = new InstanceEnvironment(Path.of("config-repo"),
				() -> "http://127.0.0.1/eureka/", () -> "http://127.0.0.1", () -> Optional.of("http://127.0.0.1"),
				owner -> owner.database().map(name -> DatabaseCredentials.local(5432, name)));
		return Set.copyOf(everything.of(service, 0, 0).keySet());
	}

	/**
	 * For an instance listening on these ports; an admin task, which listens on none,
	 * gets 0 for both.
	 */
	public Map<String, String> of(Service service, int port, int managementPort) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("MANAGEMENT_PORT", Integer.toString(managementPort));
		env.put("EUREKA_URL", eurekaUrl.get());
		if (service.registersInEureka()) {
			// Register the loopback address: a guessed host address may not be reachable
			// locally.
			env.put("INSTANCE_IP", "127.0.0.1");
		}
		if (service.importsConfig()) {
			env.put("CONFIG_URL", configUrl.get());
		}
		if (service == Service.CONFIG) {
			env.put("CONFIG_REPO_PATH", configRepo.toString());
		}
		pushgatewayUrl.get().ifPresent(url -> env.put("PUSHGATEWAY_URL", url));
		databases.apply(service).ifPresent(database -> {
			env.put("DB_URL", database.url());
			env.put("DB_USERNAME", database.username());
			env.put("DB_PASSWORD", database.password());
		});
		return env;
	}

}
