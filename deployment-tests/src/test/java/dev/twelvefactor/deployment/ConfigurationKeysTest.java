package dev.twelvefactor.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.twelvefactor.launcher.Service;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's own settings ({@code platform.*}, {@code orders.*}, ...) are bound by
 * {@code @ConfigurationProperties} records whose metadata the build writes; a key in
 * {@code config-repo/} or a service's {@code application.yml} that no record declares
 * would be ignored silently, so a misspelt key fails here. Reads the metadata the build
 * wrote into each module's {@code target/classes}: deployment-tests is built after the
 * services.
 */
class ConfigurationKeysTest {

	/** The top-level keys that only the platform's own records read. */
	private static final Set<String> OWN_PREFIXES = Set.of("platform", "orders", "inventory-client", "gateway", "auth");

	@Test
	void everyOwnKeyInTheConfigurationIsOneARecordDeclares() {
		List<String> unknown = new ArrayList<>();
		for (Service service : Service.values()) {
			Set<String> declared = declaredKeys(service.applicationName());
			for (String file : List.of("config-repo/application.yml",
					"config-repo/" + service.applicationName() + ".yml",
					service.applicationName() + "/src/main/resources/application.yml")) {
				if (!Repository.exists(file)) {
					continue;
				}
				for (String key : keys(Repository.yamlFile(file))) {
					if (OWN_PREFIXES.contains(key.substring(0, key.indexOf('.') < 0 ? key.length() : key.indexOf('.')))
							&& !declared.contains(key)) {
						unknown.add(file + ": " + key + " (for " + service.applicationName() + ")");
					}
				}
			}
		}
		assertThat(unknown).as("keys no @ConfigurationProperties record declares").isEmpty();
	}

	@Test
	void theRecordsDeclareTheKeysTheConfigurationExplains() {
		assertThat(declaredKeys("order-service")).contains("orders.limits.max-lines", "orders.reconciler.interval",
				"inventory-client.read-timeout", "platform.release", "platform.pushgateway-url");
		assertThat(declaredKeys("gateway-service")).contains("gateway.max-request-size");
	}

	/** What the configuration processor wrote for the service and for service-support. */
	private static Set<String> declaredKeys(String module) {
		Set<String> keys = new TreeSet<>();
		for (String owner : List.of(module, "service-support")) {
			Path metadata = Repository.path(owner + "/target/classes/META-INF/spring-configuration-metadata.json");
			if (!Files.exists(metadata)) {
				continue;
			}
			try {
				JsonNode properties = JsonMapper.shared().readTree(Files.readString(metadata)).path("properties");
				properties.forEach((property) -> keys.add(property.path("name").asString()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		assertThat(keys).as("configuration metadata of service-support (build it first: ./mvnw install)")
			.contains("platform.release");
		return keys;
	}

	/** The dotted keys of a YAML document's leaves. */
	private static Set<String> keys(Map<String, Object> yaml) {
		Set<String> keys = new TreeSet<>();
		collect("", yaml, keys);
		return keys;
	}

	private static void collect(String prefix, Object node, Set<String> keys) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((name, value) -> collect(prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name, value,
					keys));
		}
		else {
			keys.add(prefix);
		}
	}

}
