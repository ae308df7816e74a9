package dev.twelvefactor.deployment;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modules depend on each other one way, each on no more than its job needs: the
 * services' tests see a real PostgreSQL and the contracts, never the launcher, the load
 * generator or the benchmarks. Read from the poms (Maven itself refuses a cycle).
 */
class ModuleGraphTest {

	private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

	private static final Pattern OWN_DEPENDENCY = Pattern.compile(
			"<dependency>\\s*<groupId>(?:dev\\.twelvefactor|\\$\\{project\\.groupId})</groupId>\\s*<artifactId>([^<]+)</artifactId>");

	private static final Set<String> LAUNCHER_CODE = Set.of("platform-launcher", "platform-loadgen", "platform-cli");

	@Test
	void theServicesAndWhatTheyShareDependOnNoLauncherCode() {
		Map<String, Set<String>> graph = graph();
		for (String module : List.of("service-support", "test-support", "local-postgres", "discovery-service",
				"config-service", "gateway-service", "order-service", "inventory-service")) {
			assertThat(graph.get(module)).as(module + "'s dependencies").doesNotContainAnyElementsOf(LAUNCHER_CODE);
		}
		assertThat(graph.get("order-service")).contains("service-support", "test-support");
	}

	@Test
	void theLauncherLayersPointOneWay() {
		Map<String, Set<String>> graph = graph();
		assertThat(graph.get("platform-loadgen")).as("the load generator needs nothing of ours").isEmpty();
		assertThat(graph.get("local-postgres")).isEmpty();
		assertThat(graph.get("platform-launcher")).containsExactly("local-postgres");
		assertThat(graph.get("test-support")).containsExactly("local-postgres");
		assertThat(graph.get("platform-cli")).containsExactlyInAnyOrder("platform-launcher", "platform-loadgen");
	}

	/** Module to the modules of this repository it depends on, in any scope. */
	private static Map<String, Set<String>> graph() {
		Map<String, Set<String>> graph = new TreeMap<>();
		Matcher module = MODULE.matcher(Repository.read("pom.xml"));
		while (module.find()) {
			Set<String> dependencies = new TreeSet<>();
			Matcher dependency = OWN_DEPENDENCY.matcher(Repository.read(module.group(1) + "/pom.xml"));
			while (dependency.find()) {
				dependencies.add(dependency.group(1));
			}
			graph.put(module.group(1), dependencies);
		}
		assertThat(graph).as("modules of the root pom").hasSizeGreaterThan(10);
		return graph;
	}

}
