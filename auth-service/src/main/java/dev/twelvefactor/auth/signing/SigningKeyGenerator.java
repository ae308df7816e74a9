package dev.twelvefactor.auth.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Writes a new signing key (RSA 3072, unencrypted PKCS#8 PEM, owner-only) unless the file
 * already exists, so it never replaces a key tokens were signed with. Plain Java, no
 * Spring: the build runs it from {@code target/classes} to give the AOT-cache training
 * run a throwaway key, and a deployment without openssl can run it from the jar:
 * {@code java -cp app.jar dev.twelvefactor.auth.signing.SigningKeyGenerator FILE}.
 */
public final class SigningKeyGenerator {

	static final int BITS = 3072;

	private SigningKeyGenerator() {
	}

	public static void main(String[] args) throws IOException, GeneralSecurityException {
		if (args.length != 1) {
			System.err.println("Usage: SigningKeyGenerator FILE (writes a new RSA key unless FILE exists)");
			System.exit(2);
		}
		Path file = Path.of(args[0]);
		System.out.println(generate(file) ? "Wrote a new signing key to " + file : "Kept the signing key in " + file);
	}

	/** Whether a key was written: {@code false} when the file was there already. */
	public static boolean generate(Path file) throws IOException, GeneralSecurityException {
		if (Files.exists(file)) {
			return false;
		}
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(BITS);
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
		String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		try {
			// Created owner-only before the key is written, so it is never readable by
			// others.
			if (Files.getFileStore(parent).supportsFileAttributeView("posix")) {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else {
				Files.createFile(file);
			}
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		Files.writeString(file, pem, StandardCharsets.US_ASCII);
		return true;
	}

}
