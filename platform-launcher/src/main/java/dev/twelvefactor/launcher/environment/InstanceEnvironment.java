package dev.twelvefactor.launcher.environment;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.secrets.PlatformSecrets;
import dev.twelvefactor.launcher.secrets.Secret;
import dev.twelvefactor.postgres.DatabaseCredentials;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The instance's whole configuration, as environment variables (factor III). Compose and
 * Kubernetes set the same names; everything else comes from config-service. The addresses
 * are asked for when an instance is made, since they change as the platform starts
 * (discovery's port, the Pushgateway's), and so are the secrets (made when it starts).
 */
public final class InstanceEnvironment {

	/** Where every local process listens: nothing outside this machine reaches it. */
	public static final String LOOPBACK = "127.0.0.1";

	private final Path configRepo;

	private final Addresses addresses;

	private final Function<Service, Optional<DatabaseCredentials>> databases;

	private final Supplier<PlatformSecrets> secrets;

	public InstanceEnvironment(Path configRepo, Addresses addresses,
			Function<Service, Optional<DatabaseCredentials>> databases, Supplier<PlatformSecrets> secrets) {
		this.configRepo = configRepo;
		this.addresses = addresses;
		this.databases = databases;
		this.secrets = secrets;
	}

	/**
	 * The names of the environment variables the launcher sets for an instance of
	 * {@code service}, with every backing service present: compose and Kubernetes must
	 * set the same names (factor X), which the deployment tests check, except
	 * SERVER_ADDRESS and MANAGEMENT_SERVER_ADDRESS: a container listens in a network of
	 * its own.
	 */
	public static Set<String> variableNames(Service service) {
		Map<Secret, String> values = new EnumMap<>(Secret.class);
		for (Secret secret : Secret.values()) {
			values.put(secret, "secret");
		}
		InstanceEnvironment everything = new InstanceEnvironment(Path.of("config-repo"),
				Addresses.fixed("http://127.0.0.1/eureka/", "http://127.0.0.1", "http://127.0.0.1", "http://127.0.0.1",
						Optional.of("http://127.0.0.1"), Optional.of("http://127.0.0.1")),
				owner -> owner.database().map(name -> DatabaseCredentials.local(5432, name)),
				() -> PlatformSecrets.of(values, Path.of(PlatformSecrets.SIGNING_KEY_FILE)));
		return Set.copyOf(everything.of(service, 0, 0).keySet());
	}

	/**
	 * For an instance listening on these ports; an admin task, which listens on none,
	 * gets 0 for both.
	 */
	public Map<String, String> of(Service service, int port, int managementPort) {
		PlatformSecrets secrets = this.secrets.get();
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("MANAGEMENT_PORT", Integer.toString(managementPort));
		// Spring Boot's own settings (server.address, management.server.address), set
		// here only: a container listens in a network namespace of its own.
		env.put("SERVER_ADDRESS", LOOPBACK);
		env.put("MANAGEMENT_SERVER_ADDRESS", LOOPBACK);
		// The Eureka client takes its credentials from the URL alone; the server side
		// (discovery-service) and Kubernetes, which builds the URL, need the password.
		env.put("EUREKA_URL", secrets.eureka().inUrl(addresses.eurekaUrl()));
		put(env, secrets, List.of(Secret.EUREKA_PASSWORD, Secret.MONITORING_PASSWORD, Secret.ADMIN_PASSWORD));
		if (service.registersInEureka()) {
			// Register the loopback address: a guessed host address may not be reachable
			// locally.
			env.put("INSTANCE_IP", LOOPBACK);
		}
		if (service.importsConfig()) {
			env.put("CONFIG_URL", addresses.configUrl());
			// config-repo/application.yml, which every config client imports, names both:
			// the issuer tokens must carry and where their keys are.
			env.put("AUTH_URL", addresses.authUrl());
			env.put("PUBLIC_URL", addresses.gatewayUrl());
			// Where the services on a client request's path send its spans, and
			// which share of the requests they trace: all of them, on a
			// developer's machine (config-repo's tracing settings, which only
			// config clients import).
			addresses.zipkinUrl().ifPresent(url -> env.put("ZIPKIN_URL", url));
			env.put("TRACING_SAMPLING_PROBABILITY", "1.0");
		}
		if (service.importsConfig() || service == Service.CONFIG) {
			put(env, secrets, List.of(Secret.CONFIG_PASSWORD));
		}
		if (service == Service.CONFIG) {
			env.put("CONFIG_REPO_PATH", configRepo.toString());
		}
		if (service == Service.AUTH) {
			env.put("AUTH_SIGNING_KEY_PATH", secrets.signingKey().toString());
		}
		put(env, secrets, ownSecrets(service));
		addresses.pushgatewayUrl().ifPresent(url -> env.put("PUSHGATEWAY_URL", url));
		databases.apply(service).ifPresent(database -> {
			env.put("DB_URL", database.url());
			env.put("DB_USERNAME", database.username());
			env.put("DB_PASSWORD", database.password());
		});
		return env;
	}

	/**
	 * The client secrets and passwords only one service needs: order-service its own
	 * client's, auth-service every client's and the demo user's.
	 */
	private static List<Secret> ownSecrets(Service service) {
		return switch (service) {
			case ORDER -> List.of(Secret.ORDER_SERVICE_CLIENT_SECRET);
			case AUTH -> List.of(Secret.ORDER_SERVICE_CLIENT_SECRET, Secret.PLATFORM_CLI_CLIENT_SECRET,
					Secret.LOAD_GENERATOR_CLIENT_SECRET, Secret.DEMO_USER_PASSWORD);
			default -> List.of();
		};
	}

	private static void put(Map<String, String> env, PlatformSecrets secrets, List<Secret> names) {
		for (Secret secret : names) {
			env.put(secret.name(), secrets.value(secret));
		}
	}

}
