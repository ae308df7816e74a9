package dev.twelvefactor.deployment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker compose's credentials: each from the environment (the shell or .env), with one
 * dev default that .env.example documents and that marks itself as one; the same value
 * wherever a name is used; auth-service's signing key made once, by a one-shot container,
 * into a volume only auth-service reads; and docker/generate-env.sh, which writes an .env
 * of random values.
 */
class ComposeCredentialsTest {

	/** Every credential compose passes on. */
	static final Set<String> CREDENTIALS = Set.of("EUREKA_PASSWORD", "CONFIG_PASSWORD", "MONITORING_PASSWORD",
			"ADMIN_PASSWORD", "ORDER_SERVICE_CLIENT_SECRET", "PLATFORM_CLI_CLIENT_SECRET",
			"LOAD_GENERATOR_CLIENT_SECRET", "DEMO_USER_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "POSTGRES_PASSWORD",
			"ORDERS_DB_PASSWORD", "INVENTORY_DB_PASSWORD");

	/**
	 * The database passwords predate the dev-...-change-me convention (and name the
	 * roles).
	 */
	private static final Set<String> DATABASE = Set.of("POSTGRES_PASSWORD", "ORDERS_DB_PASSWORD",
			"INVENTORY_DB_PASSWORD");

	private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:-([^}]*))?}");

	/** NAME -> dev default, from every ${NAME:-default} of docker-compose.yml. */
	static Map<String, String> devDefaults() {
		Map<String, String> defaults = new TreeMap<>();
		Matcher matcher = INTERPOLATION.matcher(Repository.read("docker-compose.yml"));
		while (matcher.find()) {
			if (CREDENTIALS.contains(matcher.group(1))) {
				assertThat(matcher.group(2)).as("${" + matcher.group(1) + "} without a dev default").isNotNull();
				String previous = defaults.put(matcher.group(1), matcher.group(3));
				assertThat(previous == null || previous.equals(matcher.group(3)))
					.as(matcher.group(1) + ": one dev default, not " + previous + " and " + matcher.group(3))
					.isTrue();
			}
		}
		return defaults;
	}

	@Test
	void everyCredentialHasOneDevDefaultThatEnvExampleDocuments() {
		Map<String, String> defaults = devDefaults();
		assertThat(defaults.keySet()).containsExactlyInAnyOrderElementsOf(CREDENTIALS);
		String example = Repository.read(".env.example");
		defaults.forEach((name, value) -> {
			assertThat(value).as(name + " dev default").isNotBlank().matches("[A-Za-z0-9._~-]+");
			if (!DATABASE.contains(name)) {
				assertThat(value).as(name + ": a dev default says it is one").matches("dev-[a-z-]+-change-me");
			}
			// Listed without a value (empty falls back to the default), and the default
			// is named.
			assertThat(example).as(".env.example lists " + name).containsPattern("(?m)^" + name + "=$");
			assertThat(example).as(".env.example documents the dev default of " + name).contains(value);
		});
		assertThat(example.lines().filter(line -> line.matches("[A-Z_]+=.+")))
			.as(".env.example: names only, never a value")
			.isEmpty();
	}

	/**
	 * Written once (an x- anchor): every service that gets a credential gets the same.
	 */
	@Test
	void everyServiceGetsTheSameValueForACredential() {
		Map<String, String> defaults = devDefaults();
		Map<String, Set<String>> values = new HashMap<>();
		ComposeTest.services().keySet().forEach(service -> ComposeTest.environment(service).forEach((name, value) -> {
			if (CREDENTIALS.contains(name)) {
				values.computeIfAbsent(name, n -> new HashSet<>()).add(value);
			}
		}));
		values.forEach(
				(name, set) -> assertThat(set).as(name).containsExactly("${" + name + ":-" + defaults.get(name) + "}"));
		for (String service : List.of("discovery-service", "config-service", "inventory-service", "order-service",
				"gateway-service", "auth-service")) {
			assertThat(ComposeTest.environment(service)).as(service)
				.containsEntry("EUREKA_URL", "http://eureka:${EUREKA_PASSWORD:-" + defaults.get("EUREKA_PASSWORD")
						+ "}@discovery-service:8761/eureka/");
		}
	}

	/**
	 * The one-shot auth-signing-key writes the key where auth-service reads it
	 * (AUTH_SIGNING_KEY_PATH), into a named volume that only the two mount, auth-service
	 * read-only; auth-service starts after it succeeded.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void theSigningKeyIsMadeOnceIntoAVolumeOnlyAuthServiceReads() {
		Map<String, Object> init = ComposeTest.services().get(ComposeTest.SIGNING_KEY_INIT);
		Map<String, Object> auth = ComposeTest.services().get("auth-service");
		String keyPath = ComposeTest.environment("auth-service").get("AUTH_SIGNING_KEY_PATH");
		String folder = keyPath.substring(0, keyPath.lastIndexOf('/'));

		List<Object> entrypoint = (List<Object>) init.get("entrypoint");
		assertThat(entrypoint).startsWith("java").contains("SigningKey").endsWith(keyPath);
		assertThat((List<Object>) init.get("volumes")).containsExactly("auth-signing-key:" + folder);
		assertThat((List<Object>) auth.get("volumes")).containsExactly("auth-signing-key:" + folder + ":ro");
		assertThat(init).containsEntry("read_only", true).containsEntry("cap_drop", List.of("ALL"));
		assertThat((Map<String, Object>) auth.get("depends_on")).containsEntry(ComposeTest.SIGNING_KEY_INIT,
				Map.of("condition", "service_completed_successfully"));
		ComposeTest.services().forEach((name, service) -> {
			if (!name.equals("auth-service") && !name.equals(ComposeTest.SIGNING_KEY_INIT)) {
				assertThat(String.valueOf(service.get("volumes"))).as(name + " volumes")
					.doesNotContain("auth-signing-key");
			}
		});
		assertThat((Map<String, Object>) ComposeTest.compose().get("volumes")).containsKey("auth-signing-key");
	}

	/**
	 * docker/generate-env.sh: a random, URL-safe value for every credential of
	 * .env.example, owner-only; everything else as it is; never an existing .env
	 * overwritten.
	 */
	@Test
	void generateEnvWritesRandomCredentialsForYouOnly(@TempDir Path work) throws Exception {
		Path env = work.resolve(".env");
		assertThat(run("docker/generate-env.sh", env.toString())).isZero();

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
		Map<String, String> values = new TreeMap<>();
		for (String line : Files.readAllLines(env)) {
			if (line.matches("[A-Z_]+=.*")) {
				values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		assertThat(values.keySet()).containsAll(CREDENTIALS).contains("PUBLIC_URL", "RELEASE_ID");
		values.forEach((name, value) -> {
			if (CREDENTIALS.contains(name)) {
				assertThat(value).as(name).matches("[A-Za-z0-9]{32}");
			}
			else {
				assertThat(value).as(name + ": its dev default applies").isEmpty();
			}
		});
		assertThat(new HashSet<>(values.values())).as("no two the same").hasSize(CREDENTIALS.size() + 1);

		String first = Files.readString(env);
		assertThat(run("docker/generate-env.sh", env.toString())).isZero();
		assertThat(env).as("an existing .env is kept").hasContent(first);
	}

	private static int run(String script, String argument) throws Exception {
		Process process = new ProcessBuilder(Repository.path(script).toString(), argument).redirectErrorStream(true)
			.start();
		process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return process.exitValue();
	}

}
