package dev.twelvefactor.launcher.secrets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secrets made once per data folder, owner-only from the start, and the same on every
 * later run.
 */
class PlatformSecretsTest {

	/**
	 * Made once for the class: an RSA key takes seconds to generate on a busy machine.
	 */
	@TempDir
	static Path made;

	@TempDir
	Path data;

	@BeforeAll
	static void makeOnce() {
		PlatformSecrets.loadOrCreate(made);
	}

	/** A data folder with the secrets made once, as a later run finds it. */
	@BeforeEach
	void copyWhatWasMade() throws Exception {
		for (String name : List.of("secrets.properties", "auth-signing-key.pem")) {
			Files.copy(made.resolve(name), data.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
		}
	}

	@Test
	void madeOnceOwnerOnlyRandomAndUrlSafe() throws Exception {
		PlatformSecrets secrets = PlatformSecrets.load(made);

		Path file = made.resolve("secrets.properties");
		Path key = made.resolve("auth-signing-key.pem");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
		assertThat(secrets.signingKey()).isEqualTo(key);
		Set<String> values = new HashSet<>();
		for (Secret secret : Secret.values()) {
			String value = secrets.value(secret);
			assertThat(value).as(secret.name()).matches("[A-Za-z0-9_-]+");
			// At least 128 bits: base64 carries 6 bits a character.
			assertThat(value.length() * 6).as(secret.name()).isGreaterThanOrEqualTo(128);
			values.add(value);
		}
		assertThat(values).as("every secret its own").hasSize(Secret.values().length);
		Properties written = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			written.load(reader);
		}
		assertThat(written.stringPropertyNames())
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(Secret.values()).map(Secret::name).toList());
		// Made where no other process could read it: no temporary file left behind.
		try (Stream<Path> files = Files.list(made)) {
			assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("secrets.properties",
					"auth-signing-key.pem");
		}
	}

	@Test
	void theSigningKeyIsAnRsa3072KeyInPkcs8Pem() throws Exception {
		PlatformSecrets secrets = PlatformSecrets.load(made);

		String pem = Files.readString(secrets.signingKey());
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
		byte[] der = Base64.getMimeDecoder()
			.decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
		RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(der));
		assertThat(key.getModulus().bitLength()).isEqualTo(3072);
		assertThat(key.getPublicExponent()).as("the public half is in it").isPositive();
	}

	@Test
	void aLaterRunLoadsTheSameSecretsAndAnotherProcessReadsThem() throws Exception {
		PlatformSecrets first = PlatformSecrets.loadOrCreate(data);
		String key = Files.readString(first.signingKey());

		PlatformSecrets again = PlatformSecrets.loadOrCreate(data);
		PlatformSecrets attached = PlatformSecrets.load(data);

		for (Secret secret : Secret.values()) {
			assertThat(again.value(secret)).isEqualTo(first.value(secret));
			assertThat(attached.value(secret)).isEqualTo(first.value(secret));
		}
		assertThat(Files.readString(again.signingKey())).isEqualTo(key);
		assertThat(attached.client(Client.LOAD_GENERATOR))
			.isEqualTo(new Credentials("load-generator", first.value(Secret.LOAD_GENERATOR_CLIENT_SECRET)));
		assertThat(attached.eureka().username()).isEqualTo("eureka");
		assertThat(attached.demoUser().username()).isEqualTo("demo");
	}

	@Test
	void aDamagedOrIncompleteFileIsRefusedNamingItNotReplaced() throws Exception {
		PlatformSecrets.loadOrCreate(data);
		Path file = data.resolve("secrets.properties");
		String original = Files.readString(file);

		Files.writeString(file, original.replaceAll("(?m)^ADMIN_PASSWORD=.*$", ""));
		assertThatThrownBy(() -> PlatformSecrets.loadOrCreate(data)).hasMessageContaining(file.toString())
			.hasMessageContaining("ADMIN_PASSWORD is missing");
		Files.writeString(file, original.replaceAll("(?m)^CONFIG_PASSWORD=.*$", "CONFIG_PASSWORD=short"));
		assertThatThrownBy(() -> PlatformSecrets.loadOrCreate(data)).hasMessageContaining("CONFIG_PASSWORD is damaged");
		assertThat(Files.readString(file)).as("kept as it was").contains("CONFIG_PASSWORD=short");

		Files.writeString(file, original);
		Files.writeString(data.resolve("auth-signing-key.pem"),
				"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
		assertThatThrownBy(() -> PlatformSecrets.load(data)).hasMessageContaining("auth-signing-key.pem")
			.hasMessageContaining("unusable");
	}

	@Test
	void aMissingFileIsMadeButAnotherProcessOnlyReads(@TempDir Path empty) throws Exception {
		assertThatThrownBy(() -> PlatformSecrets.load(empty)).hasMessageContaining("./platform up");
		assertThat(empty.resolve("secrets.properties")).doesNotExist();

		PlatformSecrets first = PlatformSecrets.load(data);
		String key = Files.readString(first.signingKey());
		Files.delete(data.resolve("secrets.properties"));
		PlatformSecrets second = PlatformSecrets.loadOrCreate(data);
		assertThat(second.value(Secret.EUREKA_PASSWORD)).isNotEqualTo(first.value(Secret.EUREKA_PASSWORD));
		assertThat(Files.readString(second.signingKey())).as("the key kept").isEqualTo(key);
	}

	@Test
	void aFileOthersCanReadIsRefused() throws Exception {
		PlatformSecrets.loadOrCreate(data);
		Path file = data.resolve("secrets.properties");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		assertThatThrownBy(() -> PlatformSecrets.load(data)).hasMessageContaining("chmod 600 " + file);
	}

	@Test
	void credentialsNeverShowTheirPassword() {
		Credentials eureka = new Credentials("eureka", "s3cr3t");

		assertThat(eureka.toString()).doesNotContain("s3cr3t");
		assertThat(eureka.basicAuthorization())
			.isEqualTo("Basic " + Base64.getEncoder().encodeToString("eureka:s3cr3t".getBytes(StandardCharsets.UTF_8)));
		assertThat(eureka.inUrl("http://127.0.0.1:8761/eureka/"))
			.isEqualTo("http://eureka:s3cr3t@127.0.0.1:8761/eureka/");
		assertThat(PlatformSecrets.loadOrCreate(data).toString())
			.doesNotContain(PlatformSecrets.load(data).value(Secret.ADMIN_PASSWORD));
		assertThatThrownBy(() -> Client.byId("order")).hasMessageContaining("order-service");
	}

}
