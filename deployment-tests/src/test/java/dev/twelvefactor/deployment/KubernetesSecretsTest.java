package dev.twelvefactor.deployment;

import dev.twelvefactor.launcher.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials in Kubernetes: every one from a Secret, never a literal; EUREKA_URL built
 * from the password listed before it; auth-service's signing key a file mounted from a
 * Secret; the dev overlay's Secrets generated on the machine (random, git-ignored), the
 * production ones created out of band, each documented.
 */
class KubernetesSecretsTest {

	private static final String EUREKA_URL = "http://eureka:$(EUREKA_PASSWORD)@discovery-service:8761/eureka/";

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyCredentialComesFromASecretAndEurekaUrlFromThePasswordBeforeIt(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		for (Manifests.Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				List<EnvVar> env = Optional.ofNullable(container.getEnv()).orElse(List.of());
				for (int i = 0; i < env.size(); i++) {
					EnvVar variable = env.get(i);
					String where = overlay + " " + workload.name() + " " + variable.getName();
					if (variable.getName().matches(".*(PASSWORD|SECRET)")) {
						assertThat(variable.getValueFrom()).as(where + ": from a Secret").isNotNull();
						assertThat(variable.getValueFrom().getSecretKeyRef()).as(where + ": from a Secret").isNotNull();
					}
					if (variable.getName().equals("EUREKA_URL")) {
						assertThat(variable.getValue()).as(where).isEqualTo(EUREKA_URL);
						// Kubernetes expands $(NAME) only from variables listed earlier.
						assertThat(env.subList(0, i)).as(where + ": EUREKA_PASSWORD before it")
							.anySatisfy(earlier -> assertThat(earlier.getName()).isEqualTo("EUREKA_PASSWORD"));
					}
				}
			}
		}
	}

	/**
	 * AUTH_SIGNING_KEY_PATH names a file of the Secret auth-signing-key, mounted
	 * read-only, readable by the app's group only (fsGroup); machines reach auth-service
	 * at AUTH_URL, its Service.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void authServiceReadsItsSigningKeyFromASecretFile(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		Manifests.Workload workload = manifests.workload("auth-service");
		Container container = KubernetesPolicyTest.platformContainer(manifests, Service.AUTH);
		String keyPath = KubernetesPolicyTest.env(container, "AUTH_SIGNING_KEY_PATH").orElseThrow().getValue();
		assertThat(keyPath).as("the same path as compose's")
			.isEqualTo(ComposeTest.environment("auth-service").get("AUTH_SIGNING_KEY_PATH"));
		String folder = keyPath.substring(0, keyPath.lastIndexOf('/'));
		VolumeMount mount = container.getVolumeMounts()
			.stream()
			.filter(m -> m.getMountPath().equals(folder))
			.findFirst()
			.orElseThrow(() -> new AssertionError(overlay + ": nothing mounted at " + folder));
		assertThat(mount.getReadOnly()).isTrue();
		Volume volume = workload.volumeOf(mount);
		assertThat(volume.getSecret()).as(overlay + ": the key comes from a Secret").isNotNull();
		assertThat(volume.getSecret().getSecretName()).startsWith("auth-signing-key");
		assertThat(volume.getSecret().getItems()).singleElement()
			.satisfies(item -> assertThat(item.getPath()).isEqualTo(keyPath.substring(folder.length() + 1)))
			.satisfies(item -> assertThat(item.getKey()).isEqualTo("auth-signing-key.pem"));
		assertThat(volume.getSecret().getDefaultMode() & 0007).as("nothing for others").isZero();
		assertThat(workload.template().getSpec().getSecurityContext().getFsGroup()).as("readable by the app's group")
			.isEqualTo(workload.template().getSpec().getSecurityContext().getRunAsGroup());

		var service = manifests.named(io.fabric8.kubernetes.api.model.Service.class, "auth-service");
		assertThat(service.getSpec().getPorts()).singleElement()
			.satisfies(port -> assertThat(port.getPort()).isEqualTo(Service.AUTH.defaultPort()));
		Map<String, String> platformEnv = platformEnv(manifests);
		assertThat(platformEnv).containsEntry("AUTH_URL", "http://auth-service:" + Service.AUTH.defaultPort());
		assertThat(platformEnv.get("PUBLIC_URL")).as(overlay + " PUBLIC_URL")
			.matches(overlay.endsWith("prod") ? "https://.+" : "http://127\\.0\\.0\\.1:8080");
	}

	/**
	 * Production: the Secrets are created out of band, and the overlay says how, key by
	 * key; the platform's images are deployed by digest.
	 */
	@Test
	void prodDocumentsEverySecretItExpectsAndDeploysDigests() {
		String kustomization = Repository.read("k8s/overlays/prod/kustomization.yaml");
		KubernetesPolicyTest.PROD_SECRETS.forEach((secret, keys) -> {
			assertThat(kustomization).as("how to create " + secret).contains("create secret generic " + secret);
			keys.forEach(key -> assertThat(kustomization).as(secret + " " + key)
				.containsPattern("--from-(literal|file)=" + key.replace(".", "\\.")));
		});
		assertThat(Manifests.render("k8s/overlays/prod").all(Secret.class)).as("no Secret in the prod overlay")
			.isEmpty();
		Map<String, Object> yaml = Repository.yamlFile("k8s/overlays/prod/kustomization.yaml");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> images = (List<Map<String, Object>>) yaml.get("images");
		assertThat(images).extracting(image -> image.get("name"))
			.containsExactlyInAnyOrderElementsOf(List.of(Service.values())
				.stream()
				.map(s -> "twelve-factor-platform/" + s.applicationName())
				.toList());
		assertThat(images).allSatisfy(
				image -> assertThat(String.valueOf(image.get("digest"))).as(image.get("name") + " digest, not a tag")
					.matches("sha256:[0-9a-f]{64}"));
	}

	/**
	 * Dev: every Secret comes from the files generate-secrets.sh writes (random, in a
	 * folder only its owner may open); the overlay holds no credential; running the
	 * script again keeps what is there.
	 */
	@Test
	void devSecretsAreGeneratedOnTheMachineAndKept() throws Exception {
		Map<String, Object> yaml = Repository.yamlFile("k8s/overlays/dev/kustomization.yaml");
		assertThat(String.valueOf(yaml.get("secretGenerator"))).as("credentials as literals in the dev overlay")
			.doesNotContainPattern("(PASSWORD|SECRET)=");
		Path secrets = Repository.generatedCopy().resolve(Repository.DEV_OVERLAY + "/secrets");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");

		Manifests dev = Manifests.render(Repository.DEV_OVERLAY);
		for (Secret secret : dev.all(Secret.class)) {
			assertThat(secret.getData()).as(secret.getMetadata().getName()).isNotEmpty();
			secret.getData().forEach((key, encoded) -> {
				String value = new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
				if (key.matches(".*(PASSWORD|SECRET)")) {
					assertThat(value).as(secret.getMetadata().getName() + " " + key + ": random")
						.matches("[A-Za-z0-9]{32}");
				}
			});
		}
		Secret signingKey = dev.all(Secret.class)
			.stream()
			.filter(s -> s.getMetadata().getName().startsWith("auth-signing-key"))
			.findFirst()
			.orElseThrow();
		String pem = new String(Base64.getMimeDecoder().decode(signingKey.getData().get("auth-signing-key.pem")),
				StandardCharsets.UTF_8);
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
		byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
		var rsa = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		assertThat(rsa.getModulus().bitLength()).isEqualTo(3072);

		try (var files = Files.list(secrets)) {
			for (Path file : files.toList()) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
					.isEqualTo("rw-------");
			}
		}
		String before = Files.readString(secrets.resolve("platform-credentials.env"));
		Process again = new ProcessBuilder(
				Repository.generatedCopy().resolve(Repository.DEV_OVERLAY + "/generate-secrets.sh").toString())
			.redirectErrorStream(true)
			.start();
		assertThat(new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("created");
		assertThat(again.waitFor()).isZero();
		assertThat(secrets.resolve("platform-credentials.env")).as("kept").hasContent(before);
	}

	/**
	 * Prometheus reads its two passwords from files of the credentials Secret, and nobody
	 * may stop or reload it over HTTP; Grafana's admin password comes from a Secret.
	 */
	@Test
	void prometheusReadsPasswordFilesAndKeepsItsLifecycleApiClosed() {
		Manifests dev = Manifests.render(Repository.DEV_OVERLAY);
		for (String overlay : List.of("k8s/overlays/dev", "k8s/overlays/prod")) {
			for (Manifests.Workload workload : Manifests.render(overlay).workloads()) {
				for (Container container : workload.containers()) {
					assertThat(String.valueOf(container.getArgs()) + container.getCommand()).as(workload.name())
						.doesNotContain("web.enable-lifecycle");
				}
			}
		}
		Manifests.Workload prometheus = dev.workload("prometheus");
		Container container = prometheus.containers().getFirst();
		for (String name : List.of("EUREKA_PASSWORD", "MONITORING_PASSWORD")) {
			String file = KubernetesPolicyTest.env(container, name + "_FILE").orElseThrow().getValue();
			String folder = file.substring(0, file.lastIndexOf('/'));
			VolumeMount mount = container.getVolumeMounts()
				.stream()
				.filter(m -> m.getMountPath().equals(folder))
				.findFirst()
				.orElseThrow(() -> new AssertionError("nothing mounted at " + folder));
			Volume volume = prometheus.volumeOf(mount);
			assertThat(volume.getSecret().getSecretName()).startsWith("platform-credentials");
			assertThat(volume.getSecret().getItems()).as(name)
				.anySatisfy(item -> assertThat(item.getKey() + " " + item.getPath())
					.isEqualTo(name + " " + file.substring(folder.length() + 1)));
			assertThat(volume.getSecret().getDefaultMode() & 0007).isZero();
		}
		EnvVar admin = KubernetesPolicyTest
			.env(dev.workload("grafana").containers().getFirst(), "GF_SECURITY_ADMIN_PASSWORD")
			.orElseThrow();
		assertThat(admin.getValueFrom().getSecretKeyRef().getName()).startsWith("grafana-admin");
	}

	private static Map<String, String> platformEnv(Manifests manifests) {
		return manifests.all(ConfigMap.class)
			.stream()
			.filter(c -> c.getMetadata().getName().startsWith("platform-env-"))
			.findFirst()
			.orElseThrow()
			.getData();
	}

}
