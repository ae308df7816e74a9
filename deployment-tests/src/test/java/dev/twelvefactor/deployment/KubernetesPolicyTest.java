package dev.twelvefactor.deployment;

import dev.twelvefactor.launcher.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Policy checks on what {@code kubectl apply -k} would create from each overlay: ports
 * and probes that match the applications, resources, a non-root and read-only security
 * context, pinned images, graceful shutdown, Services that select pods, disruption
 * budgets, autoscalers and admin tasks that never run by themselves.
 */
class KubernetesPolicyTest {

	/**
	 * The user every platform image runs as (Dockerfile: USER 10001:10001); the pods pin
	 * the same number.
	 */
	private static final long PLATFORM_UID = 10001;

	/**
	 * HorizontalPodAutoscalers, for the services that scale out (the launcher's scalable
	 * ones).
	 */
	private static final Set<String> AUTOSCALED = Set.of("order-service", "inventory-service");

	/**
	 * The services that run one instance: a standalone Eureka server has no peers to
	 * share its registry with; auth-service keeps login sessions and authorization codes
	 * in memory.
	 */
	private static final Set<String> SINGLE_INSTANCE = Set.of("discovery-service", "auth-service");

	/** The admin tasks (factor XII) and the service whose image runs each. */
	private static final Map<String, String> ADMIN_TASKS = Map.of("inventory-stock-report",
			"inventory-service admin stock-report", "order-reconcile", "order-service admin reconcile",
			"config-refresh-all", "config-service admin refresh-all");

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyServiceListensOnTheLaunchersPortsWhichItsConfigurationReads(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (Service service : Service.values()) {
			Container container = platformContainer(manifests, service);

			assertThat(container.getPorts()).as(service + " container ports")
				.extracting(ContainerPort::getName, ContainerPort::getContainerPort)
				.containsExactlyInAnyOrder(tuple("http", service.defaultPort()),
						tuple("management", service.defaultManagementPort()));
			assertThat(envValue(container, "SERVER_PORT")).as(service + " SERVER_PORT")
				.isEqualTo(Integer.toString(service.defaultPort()));
			assertThat(envValue(container, "MANAGEMENT_PORT")).as(service + " MANAGEMENT_PORT")
				.isEqualTo(Integer.toString(service.defaultManagementPort()));
			// The application binds what these variables say: server.port and
			// management.server.port read them.
			assertThat(AppConfiguration.property(service, "server.port")).as(service + " server.port")
				.contains("${SERVER_PORT:" + service.defaultPort() + "}");
			assertThat(AppConfiguration.property(service, "management.server.port"))
				.as(service + " management.server.port")
				.contains("${MANAGEMENT_PORT:" + service.defaultManagementPort() + "}");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void probesAskTheActuatorHealthGroupsOnTheManagementPort(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (Service service : Service.values()) {
			Container container = platformContainer(manifests, service);
			int management = service.defaultManagementPort();

			assertHttpProbe(service + " startupProbe", container.getStartupProbe(), "/actuator/health/liveness",
					management);
			assertHttpProbe(service + " livenessProbe", container.getLivenessProbe(), "/actuator/health/liveness",
					management);
			assertHttpProbe(service + " readinessProbe", container.getReadinessProbe(), "/actuator/health/readiness",
					management);
			// Those paths exist only with the probe groups on (Spring Boot turns them on
			// by itself only when it detects Kubernetes, not in compose or the launcher).
			assertThat(AppConfiguration.property(service, "management.endpoint.health.probes.enabled"))
				.as(service + ": management.endpoint.health.probes.enabled")
				.contains(true);
			assertThat(AppConfiguration.property(service, "management.endpoints.web.exposure.include"))
				.as(service + ": actuator endpoints exposed")
				.get()
				.asString()
				.contains("health");
		}
		// Everything else that runs for long has all three probes too.
		for (Manifests.Workload workload : manifests.workloads()) {
			if (workload.longRunning()) {
				for (Container container : workload.containers()) {
					assertThat(List.of(Optional.ofNullable(container.getStartupProbe()),
							Optional.ofNullable(container.getLivenessProbe()),
							Optional.ofNullable(container.getReadinessProbe())))
						.as(workload.name() + " probes (startup, liveness, readiness)")
						.allMatch(Optional::isPresent);
					if (container.getLivenessProbe().getHttpGet() != null) {
						int port = container.getLivenessProbe().getHttpGet().getPort().getIntVal();
						assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort)
							.as(workload.name() + " probe port is a container port")
							.contains(port);
					}
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyContainerHasResourcesAndARestrictedSecurityContext(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		assertThat(manifests.workloads()).isNotEmpty();
		for (Manifests.Workload workload : manifests.workloads()) {
			var spec = workload.template().getSpec();
			PodSecurityContext pod = spec.getSecurityContext();
			assertThat(pod).as(workload.name() + " pod securityContext").isNotNull();
			assertThat(pod.getSeccompProfile()).as(workload.name() + " seccompProfile").isNotNull();
			assertThat(pod.getSeccompProfile().getType()).as(workload.name() + " seccompProfile")
				.isEqualTo("RuntimeDefault");
			assertThat(spec.getAutomountServiceAccountToken()).as(workload.name() + " automountServiceAccountToken")
				.isFalse();

			for (Container container : workload.containers()) {
				String name = workload.name() + "/" + container.getName();
				for (String kind : List.of("requests", "limits")) {
					Map<String, Quantity> values = kind.equals("requests") ? container.getResources().getRequests()
							: container.getResources().getLimits();
					assertThat(values).as(name + " resources." + kind).containsKeys("cpu", "memory");
				}
				assertThat(Quantity.getAmountInBytes(container.getResources().getRequests().get("memory")))
					.as(name + " memory request <= limit")
					.isLessThanOrEqualTo(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")));

				SecurityContext security = container.getSecurityContext();
				assertThat(security).as(name + " securityContext").isNotNull();
				assertThat(security.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
				assertThat(security.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
				assertThat(security.getCapabilities().getDrop()).as(name + " capabilities.drop").containsExactly("ALL");
				assertThat(security.getCapabilities().getAdd()).as(name + " capabilities.add").isNullOrEmpty();
				assertThat(Optional.ofNullable(security.getRunAsNonRoot()).orElse(pod.getRunAsNonRoot()))
					.as(name + " runAsNonRoot")
					.isTrue();
				Long uid = Optional.ofNullable(security.getRunAsUser()).orElse(pod.getRunAsUser());
				assertThat(uid).as(name + " runAsUser (numeric, so runAsNonRoot can be verified)")
					.isNotNull()
					.isPositive();
				if (isPlatformImage(container.getImage())) {
					assertThat(uid).as(name + " runs as the image's user").isEqualTo(PLATFORM_UID);
					assertThat(mountedEmptyDir(workload, container, "/tmp")).as(name + " writable /tmp (emptyDir)")
						.isTrue();
				}
			}
		}
		assertThat(PLATFORM_UID).as("the Dockerfile's USER").isEqualTo(DockerfileTest.finalUser());
	}

	/**
	 * Every image by tag and digest (the tag says which release, the digest which bytes),
	 * but the platform's own in dev: there they are what was just built locally.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyImageIsPinnedByTagAndDigest(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		Pattern pinned = Pattern
			.compile("^[^:@]+(?::[0-9]+)?/?[^:@]*:(?<tag>[\\w][\\w.-]{0,127})(?<digest>@sha256:[0-9a-f]{64})?$");
		for (Manifests.Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				String image = container.getImage();
				Matcher matcher = pinned.matcher(image);
				assertThat(matcher.matches()).as(workload.name() + " image " + image + " has a tag").isTrue();
				assertThat(matcher.group("tag")).as(workload.name() + " image " + image).isNotEqualTo("latest");
				if (!(overlay.endsWith("dev") && isPlatformImage(image))) {
					assertThat(matcher.group("digest")).as(workload.name() + " image " + image + " has a digest")
						.isNotNull();
				}
			}
		}
	}

	@Test
	void devRunsTheImagesBuiltFromThisTreeAndProdARelease() {
		String version = Repository.projectVersion();
		Pattern release = Pattern.compile(
				"ghcr\\.io/[a-z0-9][a-z0-9-]*/twelve-factor-platform/(?<service>[a-z-]+):(?<version>\\d+\\.\\d+\\.\\d+)"
						+ "@sha256:[0-9a-f]{64}");
		for (Service service : Service.values()) {
			assertThat(platformContainer(Manifests.render("k8s/overlays/dev"), service).getImage())
				.as("dev: what docker compose builds and CI loads into kind")
				.isEqualTo("twelve-factor-platform/" + service.applicationName() + ":" + version);
			String prodImage = platformContainer(Manifests.render("k8s/overlays/prod"), service).getImage();
			Matcher matcher = release.matcher(prodImage);
			assertThat(matcher.matches())
				.as("prod image " + prodImage + ": what CI pushes for a release tag, by digest")
				.isTrue();
			assertThat(matcher.group("service")).isEqualTo(service.applicationName());
			// RELEASE_ID names what runs (factor V): the release tag in prod, the tree's
			// version in dev.
			assertThat(releaseId("k8s/overlays/prod")).as("prod RELEASE_ID is the images' tag")
				.isEqualTo(matcher.group("version"));
		}
		assertThat(releaseId("k8s/overlays/dev")).as("dev RELEASE_ID").startsWith(version);
	}

	private static String releaseId(String overlay) {
		return Manifests.render(overlay)
			.all(ConfigMap.class)
			.stream()
			.filter(c -> c.getMetadata().getName().startsWith("platform-env-"))
			.findFirst()
			.orElseThrow()
			.getData()
			.get("RELEASE_ID");
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void shutdownDrainsBeforeThePodIsKilled(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (Service service : Service.values()) {
			Manifests.Workload workload = manifests.workload(service.applicationName());
			Container container = platformContainer(manifests, service);
			var preStop = container.getLifecycle() == null ? null : container.getLifecycle().getPreStop();
			assertThat(preStop).as(service + " preStop").isNotNull();
			assertThat(preStop.getSleep()).as(service + " preStop sleep").isNotNull();
			long pause = preStop.getSleep().getSeconds();
			// Clients refresh their Eureka registry every 2 s: the pause must cover a
			// fetch with room to spare.
			assertThat(pause).as(service + " preStop seconds").isGreaterThanOrEqualTo(5);
			assertThat(AppConfiguration.property(service, "server.shutdown")).as(service + " server.shutdown")
				.contains("graceful");
			long drain = AppConfiguration.property(service, "spring.lifecycle.timeout-per-shutdown-phase")
				.map(value -> Duration.parse("PT" + value.toString().toUpperCase()).toSeconds())
				.orElse(30L); // Spring Boot's default
			assertThat(workload.template().getSpec().getTerminationGracePeriodSeconds())
				.as(service + " terminationGracePeriodSeconds > preStop " + pause + " s + graceful shutdown " + drain
						+ " s")
				.isGreaterThanOrEqualTo(pause + drain + 5);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void instancesSpreadOverNodesAndZones(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (Service service : Service.values()) {
			Manifests.Workload workload = manifests.workload(service.applicationName());
			var constraints = workload.template().getSpec().getTopologySpreadConstraints();
			assertThat(constraints).as(service + " topologySpreadConstraints")
				.extracting(c -> c.getTopologyKey())
				.contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
			assertThat(constraints).as(service + ": each constraint counts this service's own pods")
				.allMatch(c -> Labels.matches(c.getLabelSelector(), workload.podLabels()));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyServiceSelectsPodsThatExistOnAPortTheyHave(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		var services = manifests.all(io.fabric8.kubernetes.api.model.Service.class);
		assertThat(services).extracting(s -> s.getMetadata().getName())
			.contains("discovery-service", "config-service", "gateway-service", "pushgateway");
		for (var service : services) {
			String name = service.getMetadata().getName();
			List<Manifests.Workload> selected = manifests.workloads()
				.stream()
				.filter(Manifests.Workload::longRunning)
				.filter(w -> Labels.matches(service.getSpec().getSelector(), w.podLabels()))
				.toList();
			assertThat(selected).as("pods selected by Service " + name).isNotEmpty();
			for (var port : service.getSpec().getPorts()) {
				IntOrString target = port.getTargetPort();
				for (Manifests.Workload workload : selected) {
					assertThat(workload.containers().stream().flatMap(c -> c.getPorts().stream()))
						.as("Service " + name + " targetPort " + target.getValue() + " on " + workload.name())
						.anyMatch(p -> target.getIntVal() != null ? target.getIntVal().equals(p.getContainerPort())
								: target.getStrVal().equals(p.getName()));
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void disruptionBudgetsAndAutoscalers(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		Manifests base = Manifests.render("k8s/base");
		var budgets = manifests.all(PodDisruptionBudget.class);
		var autoscalers = manifests.all(HorizontalPodAutoscaler.class);

		assertThat(autoscalers).extracting(h -> h.getSpec().getScaleTargetRef().getName())
			.containsExactlyInAnyOrderElementsOf(AUTOSCALED);
		for (HorizontalPodAutoscaler autoscaler : autoscalers) {
			var target = autoscaler.getSpec().getScaleTargetRef();
			assertThat(target.getKind()).isEqualTo("Deployment");
			manifests.named(Deployment.class, target.getName());
			assertThat(autoscaler.getSpec().getMinReplicas()).isPositive()
				.isLessThan(autoscaler.getSpec().getMaxReplicas());
			// The autoscaler owns the number of instances: a replicas field would reset
			// it on every apply.
			assertThat(base.named(Deployment.class, target.getName()).getSpec().getReplicas())
				.as(target.getName() + " replicas (owned by its autoscaler)")
				.isNull();
		}
		for (Deployment deployment : manifests.all(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			Integer replicas = deployment.getSpec().getReplicas();
			boolean several = AUTOSCALED.contains(name) || replicas != null && replicas > 1;
			if (several) {
				assertThat(budgets).as("a PodDisruptionBudget for " + name)
					.anyMatch(b -> Labels.matches(b.getSpec().getSelector(),
							deployment.getSpec().getTemplate().getMetadata().getLabels()));
			}
		}
		// The base runs several instances of every service but Eureka (a standalone
		// server has no peers) and auth-service (login sessions and authorization codes
		// in memory): exactly one of each, and nothing that would add or keep more.
		for (String single : SINGLE_INSTANCE) {
			assertThat(base.named(Deployment.class, single).getSpec().getReplicas()).as(single + " replicas")
				.isEqualTo(1);
			assertThat(manifests.named(Deployment.class, single).getSpec().getReplicas()).as(single + " replicas")
				.isEqualTo(1);
			assertThat(budgets).as("PodDisruptionBudgets selecting " + single)
				.noneMatch(b -> Labels.matches(b.getSpec().getSelector(), Map.of("app.kubernetes.io/name", single)));
		}
		for (Deployment deployment : base.all(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			if (Stream.of(Service.values()).anyMatch(s -> s.applicationName().equals(name))
					&& !SINGLE_INSTANCE.contains(name)) {
				assertThat(AUTOSCALED.contains(name) || deployment.getSpec().getReplicas() > 1)
					.as(name + " runs more than one instance in the base")
					.isTrue();
			}
		}
		for (PodDisruptionBudget budget : budgets) {
			assertThat(manifests.workloads()).as("pods of PodDisruptionBudget " + budget.getMetadata().getName())
				.anyMatch(w -> Labels.matches(budget.getSpec().getSelector(), w.podLabels()));
			// maxUnavailable, never minAvailable equal to the instances: that would block
			// every node drain.
			assertThat(budget.getSpec().getMaxUnavailable()).as(budget.getMetadata().getName() + " maxUnavailable")
				.isNotNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void adminTasksAreSuspendedCronJobsOfTheirServicesImages(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		assertThat(manifests.all(Job.class)).as("plain Jobs (one would run on every fresh apply)")
			.allMatch(job -> Boolean.TRUE.equals(job.getSpec().getSuspend()));
		var cronJobs = manifests.all(CronJob.class);
		assertThat(cronJobs).extracting(c -> c.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(ADMIN_TASKS.keySet());
		for (CronJob cronJob : cronJobs) {
			String name = cronJob.getMetadata().getName();
			assertThat(cronJob.getSpec().getSuspend()).as(name + " suspend").isTrue();
			var template = cronJob.getSpec().getJobTemplate().getSpec();
			assertThat(template.getBackoffLimit()).as(name + " backoffLimit: an admin task is not retried blindly")
				.isZero();
			Container container = template.getTemplate().getSpec().getContainers().getFirst();
			String[] expected = ADMIN_TASKS.get(name).split(" ", 2);
			Service service = Service.byName(expected[0]);
			assertThat(container.getImage()).as(name + " image")
				.isEqualTo(platformContainer(manifests, service).getImage());
			assertThat(String.join(" ", container.getArgs())).as(name + " args").isEqualTo(expected[1]);
			assertThat(container.getCommand()).as(name + ": the image's entrypoint runs the task").isNullOrEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyReferencedConfigMapAndSecretExistsWithItsKeys(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		Map<String, Set<String>> configMaps = new HashMap<>();
		manifests.all(ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c.getData().keySet()));
		Map<String, Set<String>> secrets = new HashMap<>();
		manifests.all(Secret.class)
			.forEach(s -> secrets.put(s.getMetadata().getName(),
					s.getData() != null ? s.getData().keySet() : s.getStringData().keySet()));

		Map<String, Set<String>> missingConfigMaps = new TreeMap<>();
		Map<String, Set<String>> missingSecrets = new TreeMap<>();
		for (Manifests.Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				assertThat(container.getEnvFrom()).as(workload.name() + ": envFrom hides the variable names; list them")
					.isNullOrEmpty();
				for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
					var source = env.getValueFrom();
					if (source != null && source.getConfigMapKeyRef() != null) {
						var ref = source.getConfigMapKeyRef();
						if (!configMaps.getOrDefault(ref.getName(), Set.of()).contains(ref.getKey())) {
							missingConfigMaps.computeIfAbsent(ref.getName(), k -> new TreeSet<>()).add(ref.getKey());
						}
					}
					if (source != null && source.getSecretKeyRef() != null) {
						var ref = source.getSecretKeyRef();
						if (!secrets.getOrDefault(ref.getName(), Set.of()).contains(ref.getKey())) {
							missingSecrets.computeIfAbsent(ref.getName(), k -> new TreeSet<>()).add(ref.getKey());
						}
					}
				}
			}
			for (Volume volume : workload.template().getSpec().getVolumes()) {
				if (volume.getConfigMap() != null && !configMaps.containsKey(volume.getConfigMap().getName())) {
					missingConfigMaps.computeIfAbsent(volume.getConfigMap().getName(), k -> new TreeSet<>());
				}
				if (volume.getSecret() != null) {
					String name = volume.getSecret().getSecretName();
					Set<String> present = secrets.getOrDefault(name, Set.of());
					if (!secrets.containsKey(name)) {
						missingSecrets.computeIfAbsent(name, k -> new TreeSet<>());
					}
					for (var item : Optional.ofNullable(volume.getSecret().getItems()).orElse(List.of())) {
						if (!present.contains(item.getKey())) {
							missingSecrets.computeIfAbsent(name, k -> new TreeSet<>()).add(item.getKey());
						}
					}
				}
			}
		}
		if (overlay.endsWith("prod")) {
			// Created out of band (k8s/overlays/prod/kustomization.yaml says how): no
			// secret value is committed.
			assertThat(missingSecrets).as("prod: Secrets expected to exist before the apply").isEqualTo(PROD_SECRETS);
			assertThat(missingConfigMaps).as("prod: ConfigMaps referenced but not rendered").isEmpty();
		}
		else {
			assertThat(missingSecrets).as(overlay + ": Secrets or keys referenced but not rendered").isEmpty();
			// Made by monitoring-config.sh from prometheus/ and grafana/, which kustomize
			// cannot read.
			assertThat(missingConfigMaps).as(overlay + ": ConfigMaps referenced but not rendered")
				.isEqualTo(monitoringConfigMapsMadeByScript());
		}
	}

	/**
	 * The Secrets production creates out of band, and their keys: the credentials, the
	 * signing key and each service's database.
	 */
	static final Map<String, Set<String>> PROD_SECRETS = Map.of("inventory-db",
			Set.of("DB_URL", "DB_USERNAME", "DB_PASSWORD"), "order-db", Set.of("DB_URL", "DB_USERNAME", "DB_PASSWORD"),
			"platform-credentials",
			Set.of("EUREKA_PASSWORD", "CONFIG_PASSWORD", "MONITORING_PASSWORD", "ADMIN_PASSWORD"), "auth-clients",
			Set.of("ORDER_SERVICE_CLIENT_SECRET", "PLATFORM_CLI_CLIENT_SECRET", "LOAD_GENERATOR_CLIENT_SECRET",
					"DEMO_USER_PASSWORD"),
			"auth-signing-key", Set.of("auth-signing-key.pem"));

	/**
	 * One workload talks to the API server: Alloy, the dev overlay's log collector, which
	 * finds the pods and reads their logs there. Its token is mounted on purpose (a
	 * projected volume that expires within the hour), never automatically, and its Role
	 * lets it read the namespace's pods and their logs, nothing else: no Secrets, no
	 * exec, no writes, no ClusterRole. Every other pod runs without a token.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void onlyTheLogCollectorHoldsATokenAndItMayOnlyReadPodsAndTheirLogs(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		assertThat(manifests.all(ClusterRole.class)).as("ClusterRoles").isEmpty();
		assertThat(manifests.all(ClusterRoleBinding.class)).as("ClusterRoleBindings").isEmpty();
		Set<String> withToken = new TreeSet<>();
		for (Manifests.Workload workload : manifests.workloads()) {
			var spec = workload.template().getSpec();
			boolean token = spec.getVolumes()
				.stream()
				.filter(v -> v.getProjected() != null)
				.flatMap(v -> v.getProjected().getSources().stream())
				.anyMatch(source -> source.getServiceAccountToken() != null);
			if (token) {
				withToken.add(workload.podName());
			}
			else {
				assertThat(spec.getServiceAccountName()).as(workload.name() + ": a service account without a token")
					.isNull();
			}
		}
		assertThat(withToken).as("pods holding a service account token")
			.containsExactlyElementsOf(overlay.endsWith("dev") ? List.of("alloy") : List.of());
		if (overlay.endsWith("prod")) {
			assertThat(manifests.all(Role.class)).isEmpty();
			return;
		}

		Manifests.Workload alloy = manifests.workload("alloy");
		String account = alloy.template().getSpec().getServiceAccountName();
		assertThat(manifests.named(ServiceAccount.class, account).getAutomountServiceAccountToken())
			.as("ServiceAccount " + account + " automountServiceAccountToken")
			.isFalse();
		Volume tokenVolume = alloy.template()
			.getSpec()
			.getVolumes()
			.stream()
			.filter(v -> v.getProjected() != null)
			.findFirst()
			.orElseThrow();
		assertThat(tokenVolume.getProjected().getSources()).anySatisfy(
				source -> assertThat(source.getServiceAccountToken().getExpirationSeconds()).isLessThanOrEqualTo(3600));
		assertThat(alloy.containers().getFirst().getVolumeMounts())
			.anySatisfy(mount -> assertThat(mount.getName() + " " + mount.getMountPath() + " " + mount.getReadOnly())
				.isEqualTo(tokenVolume.getName() + " /var/run/secrets/kubernetes.io/serviceaccount true"));

		List<RoleBinding> bindings = manifests.all(RoleBinding.class)
			.stream()
			.filter(b -> b.getSubjects()
				.stream()
				.anyMatch(subject -> subject.getKind().equals("ServiceAccount") && subject.getName().equals(account)))
			.toList();
		assertThat(bindings).as("RoleBindings of " + account).hasSize(1);
		assertThat(bindings.getFirst().getRoleRef().getKind()).isEqualTo("Role");
		Set<String> permissions = new TreeSet<>();
		for (var rule : manifests.named(Role.class, bindings.getFirst().getRoleRef().getName()).getRules()) {
			for (String group : rule.getApiGroups()) {
				for (String resource : rule.getResources()) {
					for (String verb : rule.getVerbs()) {
						permissions.add(group + "/" + resource + " " + verb);
					}
				}
			}
			assertThat(rule.getResourceNames()).as("resourceNames").isNullOrEmpty();
		}
		assertThat(permissions).containsExactlyInAnyOrder("/pods get", "/pods list", "/pods watch", "/pods/log get");
		assertThat(manifests.all(Role.class)).as("Roles").hasSize(1);
	}

	@Test
	void theMonitoringScriptMakesConfigMapsFromFilesThatExist() {
		String script = Repository.read("k8s/overlays/dev/monitoring-config.sh");
		Matcher matcher = Pattern.compile("apply_configmap (\\S+) --from-file=\"\\$root/([^\"]+)\"").matcher(script);
		Map<String, String> sources = new TreeMap<>();
		while (matcher.find()) {
			sources.put(matcher.group(1), matcher.group(2));
		}
		assertThat(sources).isNotEmpty();
		sources.forEach((configMap, source) -> assertThat(Repository.exists(source))
			.as(configMap + " is made from " + source + ", which must exist")
			.isTrue());
		// Grafana provisioning folders the script does not handle would silently be
		// missing in Kubernetes.
		try (Stream<Path> folders = Files.list(Repository.path("grafana/provisioning"))) {
			assertThat(folders.filter(Files::isDirectory).map(p -> "grafana/provisioning/" + p.getFileName()))
				.as("grafana/provisioning folders, each made into a ConfigMap")
				.allMatch(sources::containsValue);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Test
	void configServiceServesEveryFileOfConfigRepo() throws IOException {
		Set<String> files;
		try (Stream<Path> paths = Files.list(Repository.path("config-repo"))) {
			files = paths.map(p -> p.getFileName().toString())
				.filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
				.filter(n -> !n.equals("kustomization.yaml"))
				.collect(Collectors.toCollection(TreeSet::new));
		}
		for (String overlay : List.of("k8s/overlays/dev", "k8s/overlays/prod")) {
			Manifests manifests = Manifests.render(overlay);
			Container container = platformContainer(manifests, Service.CONFIG);
			String path = envValue(container, "CONFIG_REPO_PATH");
			VolumeMount mount = container.getVolumeMounts()
				.stream()
				.filter(m -> m.getMountPath().equals(path))
				.findFirst()
				.orElseThrow(() -> new AssertionError(overlay + ": nothing mounted at CONFIG_REPO_PATH " + path));
			assertThat(mount.getReadOnly()).isTrue();
			Volume volume = manifests.workload("config-service").volumeOf(mount);
			ConfigMap configRepo = manifests.named(ConfigMap.class, volume.getConfigMap().getName());
			assertThat(configRepo.getData().keySet()).as(overlay + ": files config-service serves")
				.containsExactlyInAnyOrderElementsOf(files);
			configRepo.getData()
				.forEach((file, content) -> assertThat(content).as(file)
					.isEqualTo(Repository.read("config-repo/" + file)));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyEurekaClientRegistersItsPodAddress(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (Service service : Service.values()) {
			Optional<EnvVar> instanceIp = env(platformContainer(manifests, service), "INSTANCE_IP");
			if (service.registersInEureka()) {
				assertThat(instanceIp).as(service + " INSTANCE_IP").isPresent();
				assertThat(instanceIp.get().getValueFrom().getFieldRef().getFieldPath()).as(service + " INSTANCE_IP")
					.isEqualTo("status.podIP");
			}
			else {
				assertThat(instanceIp).as(service + " registers nowhere").isEmpty();
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everythingLivesInOneNamespaceThatEnforcesTheRestrictedPodSecurityStandard(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		List<Namespace> namespaces = manifests.all(Namespace.class);
		assertThat(namespaces).hasSize(1);
		Namespace namespace = namespaces.getFirst();
		assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce",
				"restricted");
		for (Object object : manifests.objects) {
			if (object instanceof HasMetadata resource && !(object instanceof Namespace)) {
				assertThat(resource.getMetadata().getNamespace())
					.as(resource.getKind() + "/" + resource.getMetadata().getName())
					.isEqualTo(namespace.getMetadata().getName());
			}
		}
	}

	// --- helpers
	// -------------------------------------------------------------------------------------------

	static Container platformContainer(Manifests manifests, Service service) {
		Manifests.Workload workload = manifests.workload(service.applicationName());
		assertThat(workload.kind()).as(service + " runs as a Deployment").isEqualTo("Deployment");
		List<Container> containers = workload.containers();
		assertThat(containers).as(service + " containers").hasSize(1);
		return containers.getFirst();
	}

	static Optional<EnvVar> env(Container container, String name) {
		return Optional.ofNullable(container.getEnv())
			.orElse(List.of())
			.stream()
			.filter(e -> e.getName().equals(name))
			.findFirst();
	}

	private static String envValue(Container container, String name) {
		return env(container, name).map(EnvVar::getValue)
			.orElseThrow(() -> new AssertionError(container.getName() + " has no literal " + name));
	}

	/**
	 * An image built from this tree: a service's, or Zipkin's (docker/zipkin/Dockerfile,
	 * from the jar the build resolves), on the same base and user.
	 */
	static boolean isPlatformImage(String image) {
		return image.contains("twelve-factor-platform/zipkin-server:") || Stream.of(Service.values())
			.anyMatch(s -> image.contains("twelve-factor-platform/" + s.applicationName() + ":"));
	}

	private static boolean mountedEmptyDir(Manifests.Workload workload, Container container, String path) {
		return Optional.ofNullable(container.getVolumeMounts())
			.orElse(List.of())
			.stream()
			.filter(m -> m.getMountPath().equals(path))
			.anyMatch(m -> workload.template()
				.getSpec()
				.getVolumes()
				.stream()
				.anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
	}

	private static void assertHttpProbe(String description, Probe probe, String path, int port) {
		assertThat(probe).as(description).isNotNull();
		assertThat(probe.getHttpGet()).as(description + " httpGet").isNotNull();
		assertThat(probe.getHttpGet().getPath()).as(description + " path").isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getIntVal()).as(description + " port").isEqualTo(port);
	}

	private static Map<String, Set<String>> monitoringConfigMapsMadeByScript() {
		String script = Repository.read("k8s/overlays/dev/monitoring-config.sh");
		Matcher matcher = Pattern.compile("apply_configmap ([\\w-]+) ").matcher(script);
		Map<String, Set<String>> names = new TreeMap<>();
		while (matcher.find()) {
			names.put(matcher.group(1), Set.of());
		}
		return names;
	}

}
