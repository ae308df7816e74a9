package dev.twelvefactor.launcher.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * auth-service's token signing key: an RSA private key in a PKCS#8 PEM file
 * ({@code -----BEGIN PRIVATE KEY-----}), the form it reads from AUTH_SIGNING_KEY_PATH.
 * Its public half is in it (an RSA CRT key), so the one file is all auth-service needs.
 */
final class SigningKeyFile {

	/** NIST's size for keys in use beyond 2030 (SP 800-57). */
	static final int KEY_BITS = 3072;

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private SigningKeyFile() {
	}

	/** Generates a key into {@code file} unless the file exists. */
	static void createIfMissing(Path file) {
		if (Files.exists(file)) {
			return;
		}
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(KEY_BITS, new SecureRandom());
			byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
			PrivateFiles.create(file, BEGIN + "\n"
					+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(pkcs8) + "\n" + END + "\n");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("This JDK cannot generate RSA keys", e);
		}
	}

	/**
	 * The key in {@code file}; refuses, naming the file, one that is not an RSA private
	 * key in PKCS#8 PEM of at least {@value #KEY_BITS} bits.
	 */
	static RSAPrivateCrtKey read(Path file) {
		String pem;
		try {
			pem = Files.readString(file).strip();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not read the token signing key " + file, e);
		}
		if (!pem.startsWith(BEGIN) || !pem.endsWith(END)) {
			throw unusable(file, "not a PKCS#8 PEM file (" + BEGIN + ")", null);
		}
		try {
			byte[] der = Base64.getMimeDecoder().decode(pem.substring(BEGIN.length(), pem.length() - END.length()));
			if (KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key
					&& key.getModulus().bitLength() >= KEY_BITS) {
				return key;
			}
			throw unusable(file, "not an RSA key of " + KEY_BITS + " bits with its public half", null);
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			throw unusable(file, "its content does not parse", e);
		}
	}

	private static IllegalStateException unusable(Path file, String why, Exception cause) {
		return new IllegalStateException("The token signing key " + file + " is unusable: " + why
				+ ". Restore it, or delete it while the platform is stopped to generate a new one "
				+ "(tokens signed with the old key are then refused).", cause);
	}

}
