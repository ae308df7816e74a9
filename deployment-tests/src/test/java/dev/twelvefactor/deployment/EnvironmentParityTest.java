package dev.twelvefactor.deployment;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.environment.InstanceEnvironment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Factor X, dev/prod parity, for configuration: the launcher, docker compose and
 * Kubernetes give each service the same environment variable names; each name is one the
 * service's configuration reads ({@code ${NAME}}), and each placeholder without a default
 * is set. There is no allow-list of names the configuration does not show (no SPRING_*
 * relaxed-binding shortcuts, no JAVA_TOOL_OPTIONS: JVM flags are in jvm.options), so
 * every knob a deployment turns is visible in config-repo/ or the service's
 * application.yml. The exceptions are few, listed below with their reasons, and checked
 * to still be true.
 */
class EnvironmentParityTest {

	/**
	 * Compose does not set INSTANCE_IP: on the compose network Spring Cloud finds the
	 * container's own address, which is the right one to register (the launcher pins
	 * 127.0.0.1, Kubernetes the pod IP).
	 */
	private static final Set<String> COMPOSE_LEAVES_UNSET = Set.of("INSTANCE_IP");

	/**
	 * The launcher sets its whole list for every service, including names a service does
	 * not read: CONFIG_URL for the two services that are not config clients, INSTANCE_IP
	 * for the Eureka server, which registers nowhere. Compose and Kubernetes set only
	 * what a service reads. Checked below to be unread indeed.
	 */
	private static final Map<Service, Set<String>> LAUNCHER_SETS_UNREAD = Map.of(Service.DISCOVERY,
			Set.of("CONFIG_URL", "INSTANCE_IP"), Service.CONFIG, Set.of("CONFIG_URL"));

	/**
	 * A deployment runs a release (factor V) and says which; the launcher runs the
	 * working tree and leaves the applications' default ("local").
	 */
	private static final Set<String> DEPLOYMENTS_ONLY = Set.of("RELEASE_ID");

	/**
	 * The launcher binds every port to 127.0.0.1 (Spring Boot's server.address and
	 * management.server.address): its processes share the machine's network. A container
	 * listens in a network namespace of its own, where the loopback address would shut
	 * everyone out.
	 */
	private static final Set<String> LAUNCHER_ONLY = Set.of("SERVER_ADDRESS", "MANAGEMENT_SERVER_ADDRESS");

	/**
	 * Set for every service although only discovery-service's configuration reads it (the
	 * server side): the Eureka clients get it inside EUREKA_URL's user info, which
	 * Kubernetes builds from this variable ({@code $(EUREKA_PASSWORD)}) and compose from
	 * the same value. Checked below to be in EUREKA_URL indeed.
	 */
	private static final Set<String> READ_THROUGH_EUREKA_URL = Set.of("EUREKA_PASSWORD");

	/**
	 * An admin process serves nothing and registers nowhere: no ports, no INSTANCE_IP.
	 */
	private static final Set<String> NOT_FOR_ADMIN_TASKS = Set.of("SERVER_PORT", "MANAGEMENT_PORT", "INSTANCE_IP");

	private static final List<String> OVERLAYS = List.of("k8s/overlays/dev", "k8s/overlays/prod");

	static Set<String> launcherNames(Service service) {
		return InstanceEnvironment.variableNames(service);
	}

	static Set<String> composeNames(Service service) {
		return ComposeTest.environment(service.applicationName()).keySet();
	}

	static Set<String> kubernetesNames(String overlay, Service service) {
		return names(KubernetesPolicyTest.platformContainer(Manifests.render(overlay), service));
	}

	private static Set<String> names(Container container) {
		return Optional.ofNullable(container.getEnv())
			.orElse(List.of())
			.stream()
			.map(EnvVar::getName)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void kubernetesSetsTheNamesComposeSets(String overlay) {
		for (Service service : Service.values()) {
			Set<String> expected = new TreeSet<>(composeNames(service));
			if (service.registersInEureka()) {
				expected.addAll(COMPOSE_LEAVES_UNSET);
			}
			assertThat(kubernetesNames(overlay, service)).as(overlay + " " + service.applicationName())
				.containsExactlyInAnyOrderElementsOf(expected);
		}
	}

	@Test
	void composeAndKubernetesSetTheLaunchersNames() {
		for (Service service : Service.values()) {
			assertThat(launcherNames(service)).as("the launcher's names for " + service.applicationName())
				.containsAll(LAUNCHER_ONLY);
			Set<String> expected = new TreeSet<>(launcherNames(service));
			expected.removeAll(LAUNCHER_ONLY);
			expected.removeAll(LAUNCHER_SETS_UNREAD.getOrDefault(service, Set.of()));
			expected.addAll(DEPLOYMENTS_ONLY);
			assertThat(kubernetesNames("k8s/overlays/dev", service)).as("Kubernetes: " + service.applicationName())
				.containsExactlyInAnyOrderElementsOf(expected);
			expected.removeAll(COMPOSE_LEAVES_UNSET);
			assertThat(composeNames(service)).as("compose: " + service.applicationName())
				.containsExactlyInAnyOrderElementsOf(expected);
		}
	}

	/** EUREKA_PASSWORD reaches the Eureka clients inside EUREKA_URL, everywhere. */
	@Test
	void theEurekaPasswordIsInEurekaUrl() {
		assertThat(AppConfiguration.placeholders(Service.DISCOVERY)).as("the Eureka server reads its password")
			.containsAll(READ_THROUGH_EUREKA_URL);
		for (Service service : Service.values()) {
			assertThat(ComposeTest.environment(service.applicationName()).get("EUREKA_URL"))
				.as("compose " + service.applicationName())
				.contains("eureka:${EUREKA_PASSWORD:-");
			for (String overlay : OVERLAYS) {
				Container container = KubernetesPolicyTest.platformContainer(Manifests.render(overlay), service);
				assertThat(KubernetesPolicyTest.env(container, "EUREKA_URL").orElseThrow().getValue())
					.as(overlay + " " + service.applicationName())
					.contains("eureka:$(EUREKA_PASSWORD)@");
			}
		}
	}

	@Test
	void theLaunchersExtraNamesAreReallyUnread() {
		LAUNCHER_SETS_UNREAD.forEach((service, names) -> assertThat(AppConfiguration.placeholders(service))
			.as(service.applicationName() + " reads none of " + names + " (else compose and Kubernetes must set them)")
			.doesNotContainAnyElementsOf(names));
	}

	@Test
	void everyNameSetIsReadByTheServiceAndEveryRequiredOneIsSet() {
		for (Service service : Service.values()) {
			Set<String> read = AppConfiguration.placeholders(service);
			Set<String> required = AppConfiguration.placeholdersWithoutDefault(service);
			assertThat(read).as(service + " reads its ports from the environment")
				.contains("SERVER_PORT", "MANAGEMENT_PORT");

			Map<String, Set<String>> sets = new LinkedHashMap<>();
			sets.put("docker-compose.yml", composeNames(service));
			for (String overlay : OVERLAYS) {
				sets.put(overlay, kubernetesNames(overlay, service));
			}
			sets.forEach((where, names) -> {
				Set<String> readDirectly = new TreeSet<>(names);
				readDirectly.removeAll(READ_THROUGH_EUREKA_URL);
				assertThat(read)
					.as(where + ": every variable set for " + service.applicationName()
							+ " is a ${NAME} placeholder in " + AppConfiguration.files(service))
					.containsAll(readDirectly);
				assertThat(names).as(where + ": " + service.applicationName() + " placeholders without a default")
					.containsAll(required);
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void adminTasksGetTheirServicesEnvironment(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (CronJob cronJob : manifests.all(CronJob.class)) {
			Container container = cronJob.getSpec()
				.getJobTemplate()
				.getSpec()
				.getTemplate()
				.getSpec()
				.getContainers()
				.getFirst();
			Service service = Stream.of(Service.values())
				.filter(s -> container.getImage().contains("/" + s.applicationName() + ":"))
				.findFirst()
				.orElseThrow();
			Set<String> expected = new TreeSet<>(kubernetesNames(overlay, service));
			expected.removeAll(NOT_FOR_ADMIN_TASKS);
			assertThat(names(container)).as(overlay + " " + cronJob.getMetadata().getName())
				.containsExactlyInAnyOrderElementsOf(expected);
			// The same values as the service's: the same configuration, database and
			// Pushgateway.
			Container serviceContainer = KubernetesPolicyTest.platformContainer(manifests, service);
			for (EnvVar env : container.getEnv()) {
				assertThat(env).as(cronJob.getMetadata().getName() + " " + env.getName())
					.isEqualTo(KubernetesPolicyTest.env(serviceContainer, env.getName()).orElseThrow());
			}
		}
	}

	/**
	 * Prometheus' configuration template: every placeholder set, in compose and in
	 * Kubernetes, and nothing else. The password files ({@code NAME_FILE}) are mounted
	 * from a Secret in Kubernetes; compose passes the passwords ({@code NAME}), which the
	 * start script writes to files and names in {@code NAME_FILE} itself.
	 */
	@Test
	void prometheusGetsEveryPlaceholderOfItsTemplate() {
		Set<String> placeholders = placeholdersIn("prometheus/prometheus.yml.tmpl");
		assertThat(placeholders).isNotEmpty()
			.containsAll(ComposeTest.PROMETHEUS_PASSWORDS.keySet().stream().map(name -> name + "_FILE").toList());
		Set<String> compose = new TreeSet<>(ComposeTest.environment("prometheus").keySet());
		for (String password : ComposeTest.PROMETHEUS_PASSWORDS.keySet()) {
			assertThat(compose.remove(password)).as("compose gives Prometheus " + password).isTrue();
			compose.add(password + "_FILE");
		}
		assertThat(compose).as("compose prometheus environment").containsExactlyInAnyOrderElementsOf(placeholders);
		Container prometheus = Manifests.render("k8s/overlays/dev").workload("prometheus").containers().getFirst();
		assertThat(names(prometheus)).as("k8s/overlays/dev prometheus environment")
			.containsExactlyInAnyOrderElementsOf(placeholders);
		assertThat(prometheus.getEnv()).as("the same values as compose's, the password files aside")
			.filteredOn(env -> !env.getName().endsWith("_PASSWORD_FILE"))
			.allSatisfy(env -> assertThat(env.getValue())
				.isEqualTo(ComposeTest.environment("prometheus").get(env.getName())));
	}

	/** Grafana expands ${NAME} in its provisioning files from its environment. */
	@Test
	void grafanaGetsEveryVariableItsProvisioningUses() throws IOException {
		Set<String> placeholders = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Repository.path("grafana/provisioning"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				placeholders.addAll(placeholdersIn(Repository.ROOT.relativize(file).toString()));
			}
		}
		assertThat(placeholders).isNotEmpty();
		assertThat(ComposeTest.environment("grafana").keySet()).containsAll(placeholders);
		Container grafana = Manifests.render("k8s/overlays/dev").workload("grafana").containers().getFirst();
		assertThat(names(grafana)).containsAll(placeholders);
		for (String name : placeholders) {
			assertThat(KubernetesPolicyTest.env(grafana, name).orElseThrow().getValue())
				.isEqualTo(ComposeTest.environment("grafana").get(name));
		}
	}

	/**
	 * The log store and its collector run the same configuration in compose and in the
	 * dev overlay: Loki the very docker/loki/loki.yaml (a ConfigMap generated from it),
	 * Alloy the same pipeline, docker/alloy/logs.alloy, beside the sources of each (the
	 * Docker socket in compose, the API server in Kubernetes). Grafana finds Loki at the
	 * same address in both.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void theLogStoreAndItsCollectorRunTheSameConfigurationInComposeAndKubernetes() {
		Manifests dev = Manifests.render("k8s/overlays/dev");

		Manifests.Workload loki = dev.workload("loki");
		Container lokiContainer = loki.containers().getFirst();
		assertThat(lokiContainer.getImage()).isEqualTo(ComposeTest.services().get("loki").get("image"));
		assertThat(lokiContainer.getArgs()).isEqualTo(ComposeTest.services().get("loki").get("command"));
		assertThat(mountedConfigMap(dev, loki, "/etc/loki/loki.yaml"))
			.containsExactly(Map.entry("loki.yaml", Repository.read("docker/loki/loki.yaml")));
		assertThat(names(lokiContainer)).containsExactlyInAnyOrderElementsOf(ComposeTest.environment("loki").keySet());
		assertThat(KubernetesPolicyTest.env(lokiContainer, "GOMEMLIMIT").orElseThrow().getValue())
			.isEqualTo(ComposeTest.environment("loki").get("GOMEMLIMIT"));

		Manifests.Workload alloy = dev.workload("alloy");
		Container alloyContainer = alloy.containers().getFirst();
		assertThat(alloyContainer.getImage()).isEqualTo(ComposeTest.services().get("alloy").get("image"));
		assertThat(alloyContainer.getArgs()).startsWith("run", "/etc/alloy").contains("--disable-reporting");
		assertThat(mountedConfigMap(dev, alloy, "/etc/alloy")).containsOnly(
				Map.entry("logs.alloy", Repository.read("docker/alloy/logs.alloy")),
				Map.entry("kubernetes.alloy", Repository.read("docker/alloy/kubernetes.alloy")));
		assertThat((List<String>) ComposeTest.services().get("alloy").get("volumes"))
			.contains("./docker/alloy/logs.alloy:/etc/alloy/platform/logs.alloy:ro");

		Container grafana = dev.workload("grafana").containers().getFirst();
		assertThat(KubernetesPolicyTest.env(grafana, "LOKI_URL").orElseThrow().getValue())
			.isEqualTo(ComposeTest.environment("grafana").get("LOKI_URL"));
	}

	/**
	 * The data of the ConfigMap mounted at a container path (a folder, or one file of it
	 * through subPath).
	 */
	private static Map<String, String> mountedConfigMap(Manifests manifests, Manifests.Workload workload, String path) {
		VolumeMount mount = workload.containers()
			.getFirst()
			.getVolumeMounts()
			.stream()
			.filter(m -> m.getMountPath().equals(path))
			.findFirst()
			.orElseThrow(() -> new AssertionError(workload.name() + ": nothing mounted at " + path));
		assertThat(mount.getReadOnly()).as(workload.name() + " " + path + " read-only").isTrue();
		Volume volume = workload.volumeOf(mount);
		Map<String, String> data = manifests.named(ConfigMap.class, volume.getConfigMap().getName()).getData();
		if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
			return Map.of(mount.getSubPath(), data.get(mount.getSubPath()));
		}
		return data;
	}

	private static Set<String> placeholdersIn(String file) {
		Set<String> names = new TreeSet<>();
		for (String line : Repository.read(file).lines().toList()) {
			if (line.strip().startsWith("#")) {
				continue;
			}
			Matcher matcher = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}").matcher(line);
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

}
