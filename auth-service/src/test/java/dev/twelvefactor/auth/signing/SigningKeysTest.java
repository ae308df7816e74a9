package dev.twelvefactor.auth.signing;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

	@TempDir
	Path dir;

	@Test
	void readsTheKeyPairAndNamesItByItsThumbprint() throws Exception {
		Path file = TestSigningKeys.writeRsaKey(dir.resolve("key.pem"));

		RSAKey key = SigningKeys.load(file);

		assertThat(key.isPrivate()).isTrue();
		assertThat(key.size()).isEqualTo(2048);
		// RFC 7638 3.1, computed here by hand: SHA-256 over the required members in
		// lexicographic order, no whitespace.
		RSAPublicKey publicKey = key.toRSAPublicKey();
		String members = "{\"e\":\"" + base64Url(publicKey.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
				+ base64Url(publicKey.getModulus()) + "\"}";
		String thumbprint = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8)));
		assertThat(key.getKeyID()).isEqualTo(thumbprint);
	}

	@Test
	void theSameFileGivesTheSameKidEveryTimeAndAnotherKeyAnother() {
		Path file = TestSigningKeys.writeRsaKey(dir.resolve("key.pem"));
		Path other = TestSigningKeys.writeRsaKey(dir.resolve("other.pem"));

		assertThat(SigningKeys.load(file).getKeyID()).isEqualTo(SigningKeys.load(file).getKeyID())
			.isNotEqualTo(SigningKeys.load(other).getKeyID());
	}

	@Test
	void aMissingFileIsNamedInTheError() {
		Path missing = dir.resolve("missing.pem");

		assertThatThrownBy(() -> SigningKeys.load(missing)).isInstanceOf(SigningKeyException.class)
			.hasMessageContaining(missing.toString())
			.hasMessageContaining("does not exist")
			.hasMessageContaining("AUTH_SIGNING_KEY_PATH");
	}

	@Test
	void noConfiguredPathSaysWhichSettingIsMissing() {
		assertThatThrownBy(() -> SigningKeys.load(null)).isInstanceOf(SigningKeyException.class)
			.hasMessageContaining("auth.signing-key-path");
	}

	@Test
	void anUnsetVariableSaysWhichSettingIsMissing() {
		assertThatThrownBy(() -> SigningKeys.load(Path.of("${AUTH_SIGNING_KEY_PATH}")))
			.isInstanceOf(SigningKeyException.class)
			.hasMessageContaining("set auth.signing-key-path (AUTH_SIGNING_KEY_PATH)");
	}

	@Test
	void aDirectoryCannotBeRead() {
		assertThatThrownBy(() -> SigningKeys.load(dir)).isInstanceOf(SigningKeyException.class)
			.hasMessageContaining("Cannot read the signing key file " + dir);
	}

	@Test
	void aFileWithoutAPemKeyIsRefused() {
		Path file = TestSigningKeys.write(dir.resolve("key.pem"), "not a key\n");

		assertThatThrownBy(() -> SigningKeys.load(file)).isInstanceOf(SigningKeyException.class)
			.hasMessageContaining("no unencrypted PKCS#8 PEM key")
			.hasMessageContaining("openssl genpkey");
	}

	@Test
	void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() {
		Path file = TestSigningKeys.write(dir.resolve("key.pem"),
				"-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

		assertThatThrownBy(() -> SigningKeys.load(file)).isInstanceOf(SigningKeyException.class)
			.hasMessageContaining("PKCS#1")
			.hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
	}

	@Test
	void aKeyThatIsNotRsaIsRefused() {
		Path file = TestSigningKeys.writePem(dir.resolve("key.pem"), "PRIVATE KEY",
				TestSigningKeys.generate("EC", 256).getPrivate());

		assertThatThrownBy(() -> SigningKeys.load(file)).isInstanceOf(SigningKeyException.class)
			.hasMessageContaining("no valid RSA private key");
	}

	@Test
	void corruptBase64IsRefused() {
		Path file = TestSigningKeys.write(dir.resolve("key.pem"),
				"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

		assertThatThrownBy(() -> SigningKeys.load(file)).isInstanceOf(SigningKeyException.class)
			.hasMessageContaining("no valid RSA private key");
	}

	@Test
	void aKeyTooShortForRs256IsRefused() {
		Path file = TestSigningKeys.writePem(dir.resolve("key.pem"), "PRIVATE KEY",
				TestSigningKeys.generate("RSA", 1024).getPrivate());

		assertThatThrownBy(() -> SigningKeys.load(file)).isInstanceOf(SigningKeyException.class)
			.hasMessageContaining("1024 bits")
			.hasMessageContaining("at least 2048");
	}

	@Test
	void theGeneratorWritesAnOwnerOnlyKeyItCanReadAndNeverReplacesOne() throws Exception {
		Path file = dir.resolve("keys/signing-key.pem");

		assertThat(SigningKeyGenerator.generate(file)).isTrue();
		String written = Files.readString(file);
		RSAKey key = SigningKeys.load(file);

		assertThat(key.size()).isEqualTo(SigningKeyGenerator.BITS);
		assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
			.containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
		assertThat(SigningKeyGenerator.generate(file)).isFalse();
		assertThat(Files.readString(file)).isEqualTo(written);
	}

	private static String base64Url(BigInteger value) {
		byte[] bytes = value.toByteArray();
		int leadingZero = (bytes.length > 1 && bytes[0] == 0) ? 1 : 0;
		byte[] unsigned = new byte[bytes.length - leadingZero];
		System.arraycopy(bytes, leadingZero, unsigned, 0, unsigned.length);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
	}

}
