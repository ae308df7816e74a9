package dev.twelvefactor.auth.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Keys for tests, written as PEM by the test itself rather than by the code under test,
 * so that reading them checks the format and not merely that the code agrees with itself.
 */
public final class TestSigningKeys {

	private TestSigningKeys() {
	}

	public static KeyPair generate(String algorithm, int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
			generator.initialize(bits);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A new RSA 2048 private key in the file, PKCS#8 PEM. */
	public static Path writeRsaKey(Path file) {
		return writePem(file, "PRIVATE KEY", generate("RSA", 2048).getPrivate());
	}

	public static Path writePem(Path file, String label, Key key) {
		return write(file,
				"-----BEGIN " + label + "-----\n"
						+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key.getEncoded())
						+ "\n-----END " + label + "-----\n");
	}

	public static Path write(Path file, String content) {
		try {
			return Files.writeString(file, content, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
