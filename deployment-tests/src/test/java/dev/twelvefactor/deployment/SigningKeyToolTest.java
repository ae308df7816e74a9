package dev.twelvefactor.deployment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/SigningKey.java, the tool docker compose's one-shot container runs to give
 * auth-service its signing key (the JRE image has no openssl): compiled into the image
 * beside the health check, and run here as the container runs it.
 */
class SigningKeyToolTest {

	/**
	 * The folder auth-service reads its key from (AUTH_SIGNING_KEY_PATH) exists in the
	 * image, owned by the image's user and closed to others: compose's named volume
	 * mounted there starts with that owner and mode, and the key generator compiled
	 * beside the health check can write into it.
	 */
	@Test
	void theImageHasTheSigningKeyFolderAndItsGenerator() {
		String keyPath = ComposeTest.environment("auth-service").get("AUTH_SIGNING_KEY_PATH");
		String folder = keyPath.substring(0, keyPath.lastIndexOf('/'));
		assertThat(DockerfileTest.all("RUN")
			.stream()
			.filter(i -> i.stage() == DockerfileTest.all("FROM").size() - 1)
			.map(DockerfileTest.Instruction::arguments))
			.anyMatch(run -> run.contains("install -d -o " + DockerfileTest.finalUser() + " -g "
					+ DockerfileTest.finalUser() + " -m 0700 " + folder));
		assertThat(DockerfileTest.instructions()).as("SigningKey.java is compiled into the image")
			.anyMatch(i -> i.keyword().equals("COPY") && i.arguments().contains("docker/SigningKey.java"))
			.anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("javac")
					&& i.arguments().contains("SigningKey.java"));
		assertThat(Repository.read(".dockerignore")).contains("!docker/SigningKey.java");
	}

	/**
	 * The key generator itself: a new RSA 3072 key in PKCS#8 PEM, owner-only; an existing
	 * key kept byte for byte; a key others may read refused.
	 */
	@Test
	void theSigningKeyGeneratorWritesAnOwnerOnlyKeyOnceAndKeepsIt(@TempDir Path work) throws Exception {
		Path classes = Files.createDirectories(work.resolve("classes"));
		int compiled = ToolProvider.getSystemJavaCompiler()
			.run(null, null, null, "-d", classes.toString(), Repository.path("docker/SigningKey.java").toString());
		assertThat(compiled).as("javac docker/SigningKey.java").isZero();
		Path key = work.resolve("keys/auth-signing-key.pem");
		Files.createDirectories(key.getParent());

		assertThat(runSigningKey(classes, key)).as("a new key").isZero();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
		String pem = Files.readString(key);
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
		String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		var rsa = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
		assertThat(rsa.getModulus().bitLength()).isEqualTo(3072);
		try (var files = Files.list(key.getParent())) {
			assertThat(files).as("no temporary file left behind").containsExactly(key);
		}

		assertThat(runSigningKey(classes, key)).as("the existing key").isZero();
		assertThat(key).as("kept, byte for byte").hasContent(pem);

		Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
		assertThat(runSigningKey(classes, key)).as("a key others may read").isEqualTo(1);
		Files.writeString(key, "not a key");
		Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
		assertThat(runSigningKey(classes, key)).as("a file that is no key").isEqualTo(1);
	}

	private static int runSigningKey(Path classes, Path key) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				classes.toString(), "SigningKey", key.toString())
			.redirectErrorStream(true)
			.start();
		process.getInputStream().transferTo(OutputStream.nullOutputStream());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return process.exitValue();
	}

}
