package dev.twelvefactor.deployment;

import dev.twelvefactor.launcher.Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub Actions workflows cannot run here; what can go wrong in them offline is
 * checked: they parse, every job they need exists, every script, file and folder they
 * name exists, every action is pinned, and the images they build and load are the ones
 * compose and Kubernetes use.
 */
class WorkflowTest {

	/** Paths a workflow may name, inside run scripts or inputs: checked to exist. */
	private static final Pattern REPOSITORY_PATH = Pattern.compile(
			"(?<![\\w/.-])(?:\\./)?((?:\\.github|k8s|docker|config-repo|prometheus|grafana|deployment-tests)/[\\w./-]*[\\w-])");

	/**
	 * A full commit SHA, or an exact version tag (v1.2.3): never a branch or a moving
	 * major tag.
	 */
	private static final Pattern PINNED = Pattern.compile("[^@\\s]+@(?:[0-9a-f]{40}|v\\d+\\.\\d+\\.\\d+)");

	record Workflow(String file, Map<String, Object> yaml) {

		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> jobs() {
			return (Map<String, Map<String, Object>>) yaml.get("jobs");
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> steps(String job) {
			return (List<Map<String, Object>>) jobs().get(job).getOrDefault("steps", List.of());
		}

		List<Map<String, Object>> allSteps() {
			return jobs().keySet().stream().flatMap(job -> steps(job).stream()).toList();
		}
	}

	static List<Workflow> workflows() throws IOException {
		try (Stream<Path> files = Files.list(Repository.path(".github/workflows"))) {
			List<Workflow> workflows = files
				.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
				.sorted()
				.map(p -> new Workflow(p.getFileName().toString(),
						Repository.yamlFile(Repository.ROOT.relativize(p).toString())))
				.toList();
			assertThat(workflows).as(".github/workflows").isNotEmpty();
			return workflows;
		}
	}

	@Test
	void everyWorkflowParsesAndHasTriggersAndJobs() throws IOException {
		for (Workflow workflow : workflows()) {
			// YAML 1.1 reads the key `on` as the boolean true.
			assertThat(workflow.yaml().containsKey("on") || workflow.yaml().containsKey(true))
				.as(workflow.file() + " triggers")
				.isTrue();
			assertThat(workflow.jobs()).as(workflow.file() + " jobs").isNotEmpty();
			workflow.jobs().forEach((name, job) -> {
				assertThat(job).as(workflow.file() + " " + name).containsKey("runs-on");
				assertThat(workflow.steps(name)).as(workflow.file() + " " + name + " steps")
					.isNotEmpty()
					.allSatisfy(step -> assertThat(step.containsKey("run") ^ step.containsKey("uses"))
						.as(workflow.file() + " " + name + ": each step either runs or uses")
						.isTrue());
			});
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyNeededJobExists() throws IOException {
		for (Workflow workflow : workflows()) {
			workflow.jobs().forEach((name, job) -> {
				Object needs = job.get("needs");
				List<String> needed = needs == null ? List.of()
						: needs instanceof List<?> list ? (List<String>) list : List.of(needs.toString());
				assertThat(workflow.jobs().keySet()).as(workflow.file() + " " + name + " needs").containsAll(needed);
				assertThat(needed).as(workflow.file() + " " + name + " needs itself").doesNotContain(name);
			});
		}
	}

	@Test
	void everyActionIsPinnedToACommitOrAnExactVersion() throws IOException {
		for (Workflow workflow : workflows()) {
			for (Map<String, Object> step : workflow.allSteps()) {
				Object uses = step.get("uses");
				if (uses != null && !uses.toString().startsWith("./") && !uses.toString().startsWith("docker://")) {
					assertThat(uses.toString()).as(workflow.file() + ": " + uses).matches(PINNED);
				}
			}
		}
		// A commit pin says which release it is, for people and for update tools.
		for (String line : Repository.read(".github/workflows/ci.yml").lines().toList()) {
			if (line.matches(".*uses: [^@]+@[0-9a-f]{40}.*")) {
				assertThat(line).as("version comment").matches(".*@[0-9a-f]{40} # v\\d+\\.\\d+\\.\\d+$");
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyScriptFileAndFolderAWorkflowNamesExists() throws IOException {
		List<String> named = new ArrayList<>();
		for (Workflow workflow : workflows()) {
			for (Map<String, Object> step : workflow.allSteps()) {
				if (step.get("run") instanceof String run) {
					Matcher matcher = REPOSITORY_PATH.matcher(run);
					while (matcher.find()) {
						named.add(matcher.group(1));
					}
					if (run.contains("docker compose")) {
						named.add("docker-compose.yml");
					}
					if (run.contains("./mvnw")) {
						named.add("mvnw");
					}
				}
				if (step.get("working-directory") instanceof String directory) {
					named.add(directory);
				}
				if (step.get("with") instanceof Map<?, ?> with) {
					for (String input : List.of("file", "context", "config", "path")) {
						if (with.get(input) instanceof String value && !value.contains("${{")) {
							named.add(value);
						}
					}
				}
			}
			workflow.jobs().values().forEach(job -> {
				if (job.get("defaults") instanceof Map<?, ?> defaults && defaults.get("run") instanceof Map<?, ?> run
						&& run.get("working-directory") instanceof String directory) {
					named.add(directory);
				}
			});
		}
		assertThat(named).as("paths named by the workflows")
			.isNotEmpty()
			.contains(".github/scripts/smoke.sh", "k8s/overlays/dev", ".github/kind/kind-config.yaml", "Dockerfile");
		for (String path : named) {
			assertThat(Repository.exists(path)).as("a workflow names " + path).isTrue();
		}
		for (String script : List.of(".github/scripts/smoke.sh", "k8s/overlays/dev/monitoring-config.sh",
				"k8s/overlays/dev/generate-secrets.sh", "docker/generate-env.sh")) {
			assertThat(Files.isExecutable(Repository.path(script))).as(script + " is executable").isTrue();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void imagesAreBuiltForEveryServiceWithItsPortsSbomAndProvenance() throws IOException {
		Workflow ci = workflows().stream().filter(w -> w.file().equals("ci.yml")).findFirst().orElseThrow();
		Map<String, Object> images = ci.jobs().get("images");
		List<Map<String, Object>> matrix = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) images
			.get("strategy")).get("matrix")).get("include");
		Set<String> services = new TreeSet<>();
		for (Map<String, Object> entry : matrix) {
			Service service = Service.byName(entry.get("service").toString());
			services.add(service.applicationName());
			assertThat(entry).as(service + " build ports")
				.containsEntry("server-port", Integer.toString(service.defaultPort()))
				.containsEntry("management-port", Integer.toString(service.defaultManagementPort()));
		}
		assertThat(services)
			.containsExactlyInAnyOrderElementsOf(Stream.of(Service.values()).map(Service::applicationName).toList());

		Map<String, Object> build = ci.steps("images")
			.stream()
			.filter(step -> String.valueOf(step.get("uses")).startsWith("docker/build-push-action@"))
			.map(step -> (Map<String, Object>) step.get("with"))
			.findFirst()
			.orElseThrow();
		assertThat(build).containsEntry("sbom", true)
			.containsEntry("provenance", "mode=max")
			.containsEntry("platforms", "linux/amd64,linux/arm64")
			.containsEntry("file", "Dockerfile");
		assertThat(build.get("build-args").toString()).contains("SERVICE=", "SERVER_PORT=", "MANAGEMENT_PORT=",
				"VERSION=", "GIT_REVISION=");
		// Pushed where the prod overlay pulls from.
		assertThat(String.valueOf(ci.steps("images").stream().map(s -> s.get("run")).toList()))
			.contains("ghcr.io/${GITHUB_REPOSITORY_OWNER,,}/twelve-factor-platform/$SERVICE");
	}

	@Test
	void kindLoadsTheImagesTheDevOverlayRunsAndEnforcesNetworkPolicies() throws IOException {
		String ci = Repository.read(".github/workflows/ci.yml");
		Matcher load = Pattern.compile("kind load docker-image --name \\S+ \"([^\"]+)\"").matcher(ci);
		assertThat(load.find()).as("kind load docker-image").isTrue();
		Manifests dev = Manifests.render("k8s/overlays/dev");
		for (Service service : Service.values()) {
			assertThat(load.group(1).replace("$service", service.applicationName()))
				.isEqualTo(KubernetesPolicyTest.platformContainer(dev, service).getImage());
		}
		// Every service's image is built by compose and loaded, not only named.
		String kindJob = String.valueOf(workflows().stream()
			.filter(w -> w.file().equals("ci.yml"))
			.findFirst()
			.orElseThrow()
			.steps("kind-smoke"));
		Matcher built = Pattern.compile("docker compose build ([\\w\\s\\\\-]+)").matcher(kindJob);
		assertThat(built.find()).as("docker compose build in kind-smoke").isTrue();
		Matcher loop = Pattern.compile("for service in ([\\w\\s-]+); do\\s+kind load").matcher(kindJob);
		assertThat(loop.find()).as("the loop loading the images into kind").isTrue();
		for (Service service : Service.values()) {
			assertThat(built.group(1)).as("images compose builds for kind").contains(service.applicationName());
			assertThat(loop.group(1).split("\\s+")).as("images loaded into kind").contains(service.applicationName());
		}
		// The overlay's Secrets come from files its script generates before the apply.
		assertThat(kindJob).contains("generate-secrets.sh");
		// kindnet enforces NetworkPolicies from kind v0.24.0 on.
		Matcher version = Pattern.compile("version: v0\\.(\\d+)\\.\\d+").matcher(ci);
		assertThat(version.find()).as("a pinned kind version").isTrue();
		assertThat(Integer.parseInt(version.group(1))).as("kind minor version").isGreaterThanOrEqualTo(24);
		assertThat(ci).contains("kubectl apply -k k8s/overlays/dev");
		Map<String, Object> kindConfig = Repository.yamlFile(".github/kind/kind-config.yaml");
		assertThat(kindConfig).containsEntry("kind", "Cluster");
		assertThat(String.valueOf(kindConfig.get("networking"))).as("kind's own network plugin (kindnet) stays on")
			.doesNotContain("disableDefaultCNI=true");
	}

	/**
	 * Every image the dev overlay runs is there for kind: those built here are built and
	 * loaded, the third-party ones (Prometheus, Grafana, Loki, Alloy...) are pinned by
	 * digest and pulled from their registries. Every Deployment, whatever it is, is
	 * waited for; then the logs are seen to reach Loki, in compose and in kind.
	 */
	@Test
	void everyImageOfTheDevOverlayReachesKindAndEveryDeploymentIsWaitedFor() throws IOException {
		Workflow ci = workflows().stream().filter(w -> w.file().equals("ci.yml")).findFirst().orElseThrow();
		String kindJob = String.valueOf(ci.steps("kind-smoke"));
		Matcher loop = Pattern
			.compile("for service in ([\\w\\s-]+); do\\s+kind load docker-image --name \\S+ \"([^\"]+)\"")
			.matcher(kindJob);
		assertThat(loop.find()).as("the loop loading the services' images into kind").isTrue();
		Set<String> loaded = new TreeSet<>();
		for (String service : loop.group(1).trim().split("\\s+")) {
			loaded.add(loop.group(2).replace("$service", service));
		}
		Matcher single = Pattern.compile("kind load docker-image --name \\S+ (twelve-factor-platform/\\S+)")
			.matcher(kindJob);
		while (single.find()) {
			loaded.add(single.group(1));
		}
		Manifests dev = Manifests.render("k8s/overlays/dev");
		for (Manifests.Workload workload : dev.workloads()) {
			for (var container : workload.containers()) {
				String image = container.getImage();
				if (KubernetesPolicyTest.isPlatformImage(image)) {
					assertThat(loaded).as(workload.name() + ": " + image + " is built here and loaded into kind")
						.contains(image);
				}
				else {
					assertThat(image).as(workload.name() + ": pulled by kind, by digest")
						.matches(".+@sha256:[0-9a-f]{64}");
				}
			}
		}
		assertThat(dev.workload("loki").kind()).isEqualTo("Deployment");
		assertThat(dev.workload("alloy").kind()).isEqualTo("Deployment");
		assertThat(kindJob).as("every Deployment's rollout is waited for, not a list that misses new ones")
			.contains("get deployments -o name")
			.contains("rollout status \"$deployment\"");
		for (String job : List.of("compose-smoke", "kind-smoke")) {
			assertThat(ci.steps(job)).as(job + ": a step that finds the services' lines in Loki")
				.anySatisfy(step -> assertThat(String.valueOf(step.get("run")))
					.contains("loki:3100/loki/api/v1/query_range")
					.contains("gateway-service"));
		}
	}

}
