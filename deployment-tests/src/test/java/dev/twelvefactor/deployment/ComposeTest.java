package dev.twelvefactor.deployment;

import dev.twelvefactor.launcher.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, parsed as compose parses it (YAML anchors and merge keys resolved):
 * health checks and the start order they drive, memory limits and their stated total, the
 * only published ports (on the loopback address), scalable business services, pinned
 * images, the same images and ports as the Dockerfile and Kubernetes, and the log store
 * with its collector.
 */
class ComposeTest {

	/**
	 * What a person opens in a browser or calls: the API, the Eureka dashboard,
	 * Prometheus, Grafana.
	 */
	private static final Map<String, Set<Integer>> PUBLISHED = Map.of("gateway-service", Set.of(8080),
			"discovery-service", Set.of(8761), "prometheus", Set.of(9090), "grafana", Set.of(3000), "zipkin",
			Set.of(9411));

	/** A one-shot container that runs before a service and exits. */
	static final String SIGNING_KEY_INIT = "auth-signing-key";

	/** A third-party image: tag and digest (of the multi-platform index). */
	static final Pattern PINNED_BY_DIGEST = Pattern.compile("[a-z0-9./-]+:[\\w][\\w.-]*@sha256:[0-9a-f]{64}");

	static Map<String, Object> compose() {
		return Repository.yamlFile("docker-compose.yml");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Map<String, Object>> services() {
		return (Map<String, Map<String, Object>>) compose().get("services");
	}

	/**
	 * The environment of a compose service, in either of compose's two forms (map or
	 * NAME=value list).
	 */
	@SuppressWarnings("unchecked")
	static Map<String, String> environment(String service) {
		Object environment = services().get(service).get("environment");
		Map<String, String> names = new TreeMap<>();
		if (environment instanceof Map<?, ?> map) {
			map.forEach((key, value) -> names.put(key.toString(), value == null ? null : value.toString()));
		}
		else if (environment instanceof List<?> list) {
			list.forEach(entry -> {
				String[] parts = entry.toString().split("=", 2);
				names.put(parts[0], parts.length > 1 ? parts[1] : null);
			});
		}
		return names;
	}

	/**
	 * Services that run once and exit: something waits for them with
	 * service_completed_successfully.
	 */
	@SuppressWarnings("unchecked")
	static Set<String> oneShots() {
		Set<String> oneShots = new TreeSet<>();
		services().values().forEach(service -> {
			if (service.get("depends_on") instanceof Map<?, ?> dependsOn) {
				((Map<String, Map<String, Object>>) dependsOn).forEach((dependency, condition) -> {
					if ("service_completed_successfully".equals(condition.get("condition"))) {
						oneShots.add(dependency);
					}
				});
			}
		});
		return oneShots;
	}

	@Test
	void theWholePlatformIsThere() {
		Set<String> expected = new TreeSet<>(Set.of("postgres", "pushgateway", "prometheus", "grafana", "zipkin",
				"loki", "alloy", SIGNING_KEY_INIT));
		for (Service service : Service.values()) {
			expected.add(service.applicationName());
		}
		assertThat(services().keySet()).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyServiceHasAHealthCheckAndStartsOnlyWhenWhatItNeedsIsHealthy() {
		assertThat(oneShots()).as("one-shot containers").containsExactly(SIGNING_KEY_INIT);
		services().forEach((name, service) -> {
			if (oneShots().contains(name)) {
				// It runs and exits: never restarted, and done is its only state worth
				// waiting for.
				assertThat(service).as(name).containsEntry("restart", "no");
				return;
			}
			Map<String, Object> healthcheck = (Map<String, Object>) service.get("healthcheck");
			assertThat(healthcheck).as(name + " healthcheck").isNotNull().doesNotContainEntry("disable", true);
			assertThat((List<Object>) healthcheck.get("test")).as(name + " healthcheck test")
				.isNotEmpty()
				.first()
				.isNotEqualTo("NONE");
			Object dependsOn = service.get("depends_on");
			if (dependsOn != null) {
				assertThat(dependsOn).as(name + " depends_on with conditions").isInstanceOf(Map.class);
				((Map<String, Map<String, Object>>) dependsOn).forEach((dependency, condition) -> {
					assertThat(services()).as(name + " depends on " + dependency).containsKey(dependency);
					assertThat(condition).as(name + " -> " + dependency)
						.containsEntry("condition",
								oneShots().contains(dependency) ? "service_completed_successfully" : "service_healthy");
				});
			}
		});
		for (Service service : Service.values()) {
			Map<String, Object> definition = services().get(service.applicationName());
			// A platform service is healthy when its readiness group is UP, checked by
			// the image's own checker.
			assertThat(definition.get("healthcheck").toString()).as(service + " healthcheck")
				.contains("HealthCheck")
				.contains("/actuator/health/readiness");
			Set<String> needs = dependencies(service.applicationName());
			if (service != Service.DISCOVERY) {
				assertThat(needs).as(service + " waits for Eureka").contains("discovery-service");
			}
			if (AppConfiguration.importsFromConfigService(service)) {
				assertThat(needs).as(service + " waits for its configuration").contains("config-service");
			}
			if (service.database().isPresent()) {
				assertThat(needs).as(service + " waits for its database").contains("postgres");
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void memoryLimitsFitALaptopAndAddUpToTheStatedTotal() {
		long total = 0;
		for (var entry : services().entrySet()) {
			Map<String, Object> deploy = (Map<String, Object>) entry.getValue().get("deploy");
			assertThat(deploy).as(entry.getKey() + " deploy.resources.limits").isNotNull();
			Object memory = ((Map<String, Map<String, Object>>) deploy.get("resources")).get("limits").get("memory");
			assertThat(memory).as(entry.getKey() + " memory limit").isNotNull();
			// A one-shot has exited before what waits for it starts: it adds nothing to
			// what runs.
			if (!oneShots().contains(entry.getKey())) {
				total += mebibytes(memory.toString());
			}
		}
		Matcher stated = Pattern.compile("in all ([\\d,]+) MiB").matcher(Repository.read("docker-compose.yml"));
		assertThat(stated.find()).as("docker-compose.yml states its memory total").isTrue();
		assertThat(total).as("the memory limits add up to the total stated in docker-compose.yml")
			.isEqualTo(Long.parseLong(stated.group(1).replace(",", "")));
		// At most 4.5 GiB: the rest of 8 GiB for the system, Docker's own VM where there
		// is one, an IDE and a browser.
		assertThat(total).as("fits a laptop with 8 GiB").isLessThanOrEqualTo(4608);
		assertThat(Repository.read("README.md")).as("README states the same total").contains(stated.group(1) + " MiB");
	}

	/**
	 * Published on the loopback address only: nobody else on the network reaches a port
	 * of this laptop setup (Prometheus has no login, the dev defaults are public).
	 */
	@Test
	void onlyTheGatewayTheEurekaDashboardPrometheusGrafanaAndZipkinArePublishedOnTheLoopbackAddress() {
		Map<String, Set<Integer>> published = new TreeMap<>();
		services().forEach((name, service) -> {
			if (service.get("ports") instanceof List<?> ports) {
				for (Object port : ports) {
					assertThat(port).as(name + " port " + port + ": the short syntax, as a string")
						.isInstanceOf(String.class);
					String[] parts = port.toString().split(":");
					assertThat(parts).as(name + " port " + port + " as 127.0.0.1:HOST:CONTAINER").hasSize(3);
					assertThat(parts[0]).as(name + " port " + port + ": bound to the loopback address")
						.isEqualTo("127.0.0.1");
					assertThat(parts[1]).as(name + ": the host port equals the container port").isEqualTo(parts[2]);
					published.computeIfAbsent(name, n -> new TreeSet<>()).add(Integer.parseInt(parts[1]));
				}
			}
			assertThat(service).as(name + " expose").doesNotContainKey("network_mode");
		});
		assertThat(published).isEqualTo(PUBLISHED);
		assertThat(services().get("auth-service")).as("auth-service: reached through the gateway only")
			.doesNotContainKey("ports");
	}

	@Test
	void orderAndInventoryServiceCanBeScaledOut() {
		for (String name : List.of("order-service", "inventory-service")) {
			Map<String, Object> service = services().get(name);
			assertThat(service).as(name + ": a fixed name or host port would clash with a second instance")
				.doesNotContainKeys("container_name", "ports", "hostname");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void imagesArePinnedAndBuiltWithTheServicesPorts() {
		String version = Repository.projectVersion();
		services().forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name + " image").isNotNull().doesNotContain(":latest");
			if (service.containsKey("build")) {
				// Built here from this tree: the tag is the version.
				assertThat(image).as(name + " image").matches("[^:@]+:[\\w][\\w.-]*");
			}
			else {
				assertThat(image).as(name + " image: tag and digest").matches(PINNED_BY_DIGEST);
			}
		});
		for (Service service : Service.values()) {
			Map<String, Object> definition = services().get(service.applicationName());
			assertThat(definition.get("image")).as(service + " image, as k8s/overlays/dev runs it")
				.isEqualTo("twelve-factor-platform/" + service.applicationName() + ":" + version);
			Map<String, Object> build = (Map<String, Object>) definition.get("build");
			assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "Dockerfile");
			assertThat((Map<String, Object>) build.get("args")).as(service + " build args")
				.containsEntry("SERVICE", service.applicationName())
				.containsEntry("SERVER_PORT", Integer.toString(service.defaultPort()))
				.containsEntry("MANAGEMENT_PORT", Integer.toString(service.defaultManagementPort()));
			assertThat(definition).as(service + ": hardened like the Kubernetes pods")
				.containsEntry("read_only", true)
				.containsEntry("cap_drop", List.of("ALL"));
		}
		// The key generator is auth-service's own image, built the same way.
		assertThat(services().get(SIGNING_KEY_INIT)).containsEntry("image", services().get("auth-service").get("image"))
			.containsEntry("build", services().get("auth-service").get("build"));
		// The database: the release the launcher's embedded PostgreSQL runs (factor X).
		String binaries = Repository.pomProperty("postgres-binaries.version");
		assertThat((String) services().get("postgres").get("image"))
			.startsWith("postgres:" + binaries.substring(0, binaries.lastIndexOf('.')) + "-");
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyMountedFileOrFolderExists() {
		services().forEach((name, service) -> {
			for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
				String source = volume.toString().split(":")[0];
				if (source.startsWith("./")) {
					assertThat(Repository.exists(source.substring(2))).as(name + " mounts " + source).isTrue();
				}
			}
		});
		assertThat(services().get("config-service").get("volumes").toString())
			.contains("./config-repo:/config-repo:ro");
		assertThat(environment("config-service")).containsEntry("CONFIG_REPO_PATH", "/config-repo");
	}

	@Test
	void sharedVariablesAreWrittenOnce() {
		String text = Repository.read("docker-compose.yml");
		assertThat(compose()).containsKey("x-service-defaults");
		for (String name : List.of("EUREKA_URL", "CONFIG_URL", "PUSHGATEWAY_URL", "RELEASE_ID", "AUTH_URL",
				"PUBLIC_URL")) {
			assertThat(Pattern.compile("^\\s+" + name + ":", Pattern.MULTILINE).matcher(text).results().count())
				.as(name + " is set in one place (an x- block) and merged into every service")
				.isEqualTo(1);
		}
	}

	/**
	 * Loki, the log store, and Alloy, which collects every container's output into it:
	 * pinned, each with a memory limit and a health check, hardened like the other
	 * third-party containers, Loki reached on the compose network only (Grafana's
	 * LOKI_URL), Alloy reading only this project's containers through the Docker socket,
	 * mounted read-only, and pushing to that same Loki.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void theLogStoreAndItsCollectorRunHardenedAndReadOnlyThisProjectsContainers() {
		for (String name : List.of("loki", "alloy")) {
			Map<String, Object> service = services().get(name);
			assertThat(service).as(name).isNotNull().doesNotContainKeys("build", "ports", "privileged", "cap_add");
			assertThat((String) service.get("image")).as(name + " image").matches(PINNED_BY_DIGEST);
			assertThat(service).as(name + ": hardened")
				.containsEntry("read_only", true)
				.containsEntry("cap_drop", List.of("ALL"))
				.containsEntry("security_opt", List.of("no-new-privileges:true"));
			Map<String, Object> limits = ((Map<String, Map<String, Map<String, Object>>>) service.get("deploy"))
				.get("resources")
				.get("limits");
			assertThat(limits).as(name + " memory limit").containsKey("memory");
		}
		assertThat((String) services().get("loki").get("image")).startsWith("grafana/loki:3.");
		assertThat((String) services().get("alloy").get("image")).startsWith("grafana/alloy:v1.");
		// Loki: the configuration the dev overlay runs too, its data in a volume.
		assertThat((List<String>) services().get("loki").get("volumes"))
			.contains("./docker/loki/loki.yaml:/etc/loki/loki.yaml:ro");
		assertThat((List<String>) services().get("loki").get("command")).contains("-config.file=/etc/loki/loki.yaml");
		assertThat(environment("grafana")).containsEntry("LOKI_URL", "http://loki:3100");
		// Alloy: the socket read-only, its pipeline and compose's sources, nothing of
		// Kubernetes'.
		List<String> alloyVolumes = (List<String>) services().get("alloy").get("volumes");
		assertThat(alloyVolumes).contains("/var/run/docker.sock:/var/run/docker.sock:ro",
				"./docker/alloy/logs.alloy:/etc/alloy/platform/logs.alloy:ro",
				"./docker/alloy/compose.alloy:/etc/alloy/platform/compose.alloy:ro");
		assertThat(alloyVolumes).noneMatch(volume -> volume.contains("kubernetes.alloy"));
		assertThat((List<String>) services().get("alloy").get("command")).startsWith("run", "/etc/alloy/platform")
			.contains("--disable-reporting")
			.noneMatch(argument -> argument.startsWith("--server.http.listen-addr"));
		assertThat(dependencies("alloy")).contains("loki");
		String sources = Repository.read("docker/alloy/compose.alloy");
		assertThat(sources).as("compose.alloy reads this project's containers only")
			.contains("\"com.docker.compose.project=" + compose().get("name") + "\"")
			.contains("unix:///var/run/docker.sock");
		assertThat(Repository.read("docker/alloy/logs.alloy")).as("Alloy pushes to the Loki Grafana reads")
			.contains("url = \"" + environment("grafana").get("LOKI_URL") + "/loki/api/v1/push\"");
	}

	/**
	 * The start script renders the real template with compose's environment, as the
	 * container will.
	 */
	@Test
	void prometheusStartsFromTheRenderedTemplate(@TempDir Path work) throws Exception {
		Files.createDirectories(work.resolve("etc"));
		Files.copy(Repository.path("prometheus/prometheus.yml.tmpl"), work.resolve("etc/prometheus.yml.tmpl"));
		String script = Repository.read("docker/prometheus/start-prometheus.sh")
			.replace("/tmp/", work + "/")
			.replace("/etc/prometheus", work.resolve("etc").toString())
			.replace("exec /bin/prometheus", "exec echo prometheus");
		Path copy = work.resolve("start.sh");
		Files.writeString(copy, script);

		ProcessBuilder builder = new ProcessBuilder("sh", copy.toString(), "--storage.tsdb.retention.time=2d")
			.redirectErrorStream(true);
		builder.environment().putAll(environment("prometheus"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as(output).isZero();
		assertThat(output.strip()).isEqualTo(
				"prometheus --config.file=" + work.resolve("prometheus.yml") + " --storage.tsdb.retention.time=2d");
		String rendered = Files.readString(work.resolve("prometheus.yml"));
		assertThat(rendered.lines().filter(line -> !line.strip().startsWith("#")))
			.noneMatch(line -> line.contains("${"));
		for (Map.Entry<String, String> variable : environment("prometheus").entrySet()) {
			String value = variable.getValue();
			if (PROMETHEUS_PASSWORDS.containsKey(variable.getKey())) {
				// In a file of its own, readable by Prometheus' user only, never in the
				// configuration (Prometheus shows that on a web page).
				Path file = work.resolve("secrets").resolve(PROMETHEUS_PASSWORDS.get(variable.getKey()));
				assertThat(rendered).as(variable.getKey()).doesNotContain(value).contains(file.toString());
				assertThat(file).hasContent(value);
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			}
			else {
				assertThat(rendered).contains(value);
			}
		}

		ProcessBuilder missing = new ProcessBuilder("sh", copy.toString()).redirectErrorStream(true);
		missing.environment().keySet().removeAll(environment("prometheus").keySet());
		Process failed = missing.start();
		String error = new String(failed.getInputStream().readAllBytes());
		assertThat(failed.waitFor()).as("a placeholder without a value stops the start").isNotZero();
		assertThat(error).contains("is not set");
	}

	/**
	 * The passwords compose gives Prometheus, and the files its start script writes them
	 * to.
	 */
	static final Map<String, String> PROMETHEUS_PASSWORDS = Map.of("EUREKA_PASSWORD", "eureka-password",
			"MONITORING_PASSWORD", "monitoring-password");

	@Test
	@SuppressWarnings("unchecked")
	void prometheusAndGrafanaKeepTheirAdministrationClosed() {
		String command = String.valueOf(services().get("prometheus").get("command"))
				+ services().get("prometheus").get("entrypoint");
		assertThat(command).as("Prometheus' HTTP API to shut it down or reload it")
			.doesNotContain("web.enable-lifecycle");
		assertThat(Repository.read("docker/prometheus/start-prometheus.sh")).doesNotContain("--web.enable-lifecycle");
		assertThat(environment("prometheus")).containsKeys("EUREKA_PASSWORD", "MONITORING_PASSWORD");
		// Grafana's admin password from the environment, never its admin/admin.
		assertThat(Repository.read("docker-compose.yml"))
			.contains("GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD:-");
		assertThat(environment("grafana")).doesNotContainEntry("GF_SECURITY_ADMIN_PASSWORD", "admin");
	}

	@SuppressWarnings("unchecked")
	private static Set<String> dependencies(String service) {
		Object dependsOn = services().get(service).get("depends_on");
		return dependsOn == null ? Set.of() : ((Map<String, Object>) dependsOn).keySet();
	}

	private static long mebibytes(String memory) {
		Matcher matcher = Pattern.compile("(\\d+)([mMgG])[bB]?").matcher(memory);
		assertThat(matcher.matches()).as("memory limit " + memory + " in M or G").isTrue();
		long amount = Long.parseLong(matcher.group(1));
		return matcher.group(2).equalsIgnoreCase("g") ? amount * 1024 : amount;
	}

}
