package dev.twelvefactor.deployment;

import dev.twelvefactor.launcher.Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the platform is built from and what it ships: Dependabot proposes updates for
 * every kind of dependency; third-party images are pinned by digest, the same digest
 * wherever an image is used; CI signs the images it pushes and deploys production by
 * digest, checking the signatures; the Maven wrapper checks the Maven it downloads.
 */
class SupplyChainTest {

	/** An image reference written in a file: name, tag, optional digest. */
	private static final Pattern IMAGE = Pattern.compile(
			"(?:image:|FROM)\\s+\"?(?<name>[a-z0-9][a-z0-9./-]*):(?<tag>[\\w][\\w.-]*)(?:@(?<digest>sha256:[0-9a-f]{64}))?");

	@Test
	@SuppressWarnings("unchecked")
	void dependabotProposesWeeklyGroupedUpdatesForEveryEcosystem() {
		Map<String, Object> dependabot = Repository.yamlFile(".github/dependabot.yml");
		assertThat(dependabot).containsEntry("version", 2);
		Map<String, Map<String, Object>> updates = new TreeMap<>();
		for (Map<String, Object> update : (List<Map<String, Object>>) dependabot.get("updates")) {
			updates.put((String) update.get("package-ecosystem"), update);
		}
		assertThat(updates.keySet()).containsExactlyInAnyOrder("maven", "docker", "docker-compose", "github-actions");
		updates.forEach((ecosystem, update) -> {
			assertThat((Map<String, Object>) update.get("schedule")).as(ecosystem).containsEntry("interval", "weekly");
			assertThat((Map<String, Object>) update.get("groups")).as(ecosystem + ": one pull request, not one each")
				.isNotEmpty();
		});
		// The docker ecosystem reads the Dockerfile and the manifests that name
		// third-party
		// images.
		assertThat((List<String>) updates.get("docker").get("directories")).contains("/", "/k8s/base",
				"/k8s/overlays/dev");
	}

	/**
	 * Every image that is not built here is pinned by digest, in the Dockerfile, compose
	 * and Kubernetes alike, and one image has one digest wherever it is named.
	 */
	@Test
	void thirdPartyImagesArePinnedByDigestAndTheSameEverywhere() {
		Map<String, String> digests = new TreeMap<>();
		List<String> unpinned = new ArrayList<>();
		for (String file : imageFiles()) {
			Matcher matcher = IMAGE.matcher(Repository.read(file));
			while (matcher.find()) {
				if (matcher.group("name").startsWith("twelve-factor-platform/")) {
					continue;
				}
				String image = matcher.group("name") + ":" + matcher.group("tag");
				if (matcher.group("digest") == null) {
					unpinned.add(file + ": " + image);
					continue;
				}
				String previous = digests.putIfAbsent(image, matcher.group("digest"));
				assertThat(previous == null || previous.equals(matcher.group("digest")))
					.as(image + ": one digest everywhere, " + file + " has another")
					.isTrue();
			}
		}
		assertThat(unpinned).as("third-party images without a digest").isEmpty();
		assertThat(digests.keySet()).as("third-party images")
			.anyMatch(image -> image.startsWith("eclipse-temurin:"))
			.anyMatch(image -> image.startsWith("postgres:"))
			.anyMatch(image -> image.startsWith("prom/prometheus:"))
			.anyMatch(image -> image.startsWith("prom/pushgateway:"))
			.anyMatch(image -> image.startsWith("grafana/grafana:"))
			.anyMatch(image -> image.startsWith("grafana/loki:"))
			.anyMatch(image -> image.startsWith("grafana/alloy:"));
	}

	/**
	 * The files that name images: both Dockerfiles, compose, and every manifest of the
	 * base and the dev overlay (a new one is checked without being listed here). The prod
	 * overlay runs the platform's own images alone, by digest (KubernetesPolicyTest).
	 */
	private static List<String> imageFiles() {
		List<String> files = new ArrayList<>(List.of("Dockerfile", "docker/zipkin/Dockerfile", "docker-compose.yml"));
		for (String folder : List.of("k8s/base", "k8s/overlays/dev")) {
			try (Stream<Path> manifests = Files.list(Repository.path(folder))) {
				manifests.filter(path -> path.toString().endsWith(".yaml"))
					.sorted()
					.forEach(path -> files.add(Repository.ROOT.relativize(path).toString()));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		assertThat(files).contains("k8s/overlays/dev/loki.yaml", "k8s/overlays/dev/alloy.yaml");
		return files;
	}

	/**
	 * The images job signs each image it pushes, by the digest it pushed, keyless: an
	 * OIDC token from GitHub, a certificate naming the workflow.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void theImagesJobSignsWhatItPushes() throws IOException {
		WorkflowTest.Workflow ci = ci();
		Map<String, Object> images = ci.jobs().get("images");
		assertThat((Map<String, Object>) images.get("permissions")).containsEntry("id-token", "write")
			.containsEntry("packages", "write");
		List<Map<String, Object>> steps = ci.steps("images");
		int build = indexOf(steps, step -> String.valueOf(step.get("uses")).startsWith("docker/build-push-action@"));
		int install = indexOf(steps, step -> String.valueOf(step.get("uses")).startsWith("sigstore/cosign-installer@"));
		int sign = indexOf(steps, step -> String.valueOf(step.get("run")).contains("cosign sign"));
		assertThat(build).isLessThan(sign);
		assertThat(install).isLessThan(sign);
		assertThat(steps.get(build)).containsEntry("id", "build");
		assertThat(String.valueOf(steps.get(sign).get("run"))).contains("cosign sign --yes").contains("@$DIGEST");
		assertThat((Map<String, Object>) steps.get(sign).get("env")).containsEntry("DIGEST",
				"${{ steps.build.outputs.digest }}");
		// No key: keyless signing needs none, and a key in the workflow could leak.
		assertThat(String.valueOf(steps)).doesNotContain("--key");
	}

	/**
	 * For a release tag: the prod overlay rendered with the digests just pushed, each
	 * signature checked against this workflow, attached to the release.
	 */
	@Test
	void theReleaseDeploysDigestsWhoseSignaturesWereChecked() throws IOException {
		WorkflowTest.Workflow ci = ci();
		Map<String, Object> release = ci.jobs().get("release-manifest");
		assertThat(release).as("the release-manifest job").isNotNull();
		assertThat(String.valueOf(release.get("needs"))).contains("images");
		assertThat(String.valueOf(release.get("if"))).contains("refs/tags/v");
		String run = String.valueOf(ci.steps("release-manifest"));
		assertThat(run).contains("k8s/overlays/prod", "cosign verify", "--certificate-identity", "digest:",
				"kubectl kustomize", "gh release upload");
		for (Service service : Service.values()) {
			assertThat(run).as("the release pins " + service.applicationName()).contains(service.applicationName());
		}
	}

	/**
	 * The wrapper downloads Maven and refuses a file whose SHA-256 is not the one written
	 * here (apache-maven-3.9.11-bin.zip, checked against Maven Central's published
	 * .sha512 and .sha256 when it was set).
	 */
	@Test
	void theMavenWrapperChecksTheMavenItDownloads() {
		Properties wrapper = new Properties();
		try {
			wrapper.load(new StringReader(Repository.read(".mvn/wrapper/maven-wrapper.properties")));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		assertThat(wrapper.getProperty("distributionUrl")).endsWith("/apache-maven-3.9.11-bin.zip");
		assertThat(wrapper.getProperty("distributionSha256Sum")).as("distributionSha256Sum")
			.isEqualTo("0d7125e8c91097b36edb990ea5934e6c68b4440eef4ea96510a0f6815e7eeadb");
		assertThat(Repository.read("mvnw")).as("mvnw checks it").contains("distributionSha256Sum");
		assertThat(Repository.read("mvnw.cmd")).as("mvnw.cmd checks it").contains("distributionSha256Sum");
	}

	private static WorkflowTest.Workflow ci() throws IOException {
		return WorkflowTest.workflows().stream().filter(w -> w.file().equals("ci.yml")).findFirst().orElseThrow();
	}

	private static int indexOf(List<Map<String, Object>> steps, Predicate<Map<String, Object>> test) {
		for (int i = 0; i < steps.size(); i++) {
			if (test.test(steps.get(i))) {
				return i;
			}
		}
		throw new AssertionError("no such step in " + steps);
	}

}
