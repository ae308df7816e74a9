package dev.twelvefactor.auth.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the signing key: an unencrypted RSA private key in PKCS#8 PEM ({@code BEGIN
 * PRIVATE KEY}), as {@code openssl genpkey} and the launcher write it. The public key is
 * derived from the private key's CRT parameters, so one file is all a deployment
 * provides, and the {@code kid} is the key's RFC 7638 thumbprint: the same on every
 * replica and after every restart, so resource servers that cached the key set keep
 * finding the key a token names.
 */
public final class SigningKeys {

	/** Nimbus refuses to sign with less (RFC 7518 3.3); better said at startup. */
	static final int MIN_BITS = 2048;

	private static final Pattern PKCS8 = Pattern
		.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

	private SigningKeys() {
	}

	/**
	 * The key pair in the file, as the JWK that signs tokens and is published (public
	 * half only) at {@code /oauth2/jwks}.
	 * @throws SigningKeyException when the file is missing, unreadable, or no usable RSA
	 * key
	 */
	public static RSAKey load(Path file) {
		if (file == null || file.toString().contains("${")) {
			throw new SigningKeyException(null,
					"No signing key configured: set auth.signing-key-path (AUTH_SIGNING_KEY_PATH) to the file "
							+ "holding the RSA private key (PKCS#8 PEM) that signs the tokens.",
					null);
		}
		RSAPrivateCrtKey privateKey = privateKey(file, read(file));
		try {
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint()
				.build();
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new SigningKeyException(file, "Cannot derive the public key from the signing key in " + file + ".",
					ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (NoSuchFileException ex) {
			throw new SigningKeyException(file, "The signing key file " + file
					+ " does not exist (auth.signing-key-path, AUTH_SIGNING_KEY_PATH): auth-service cannot sign tokens without it.",
					ex);
		}
		catch (IOException ex) {
			throw new SigningKeyException(file,
					"Cannot read the signing key file " + file + " (auth.signing-key-path, AUTH_SIGNING_KEY_PATH): "
							+ ex.getClass().getSimpleName() + " " + ex.getMessage(),
					ex);
		}
	}

	private static RSAPrivateCrtKey privateKey(Path file, String pem) {
		Matcher matcher = PKCS8.matcher(pem);
		if (!matcher.find()) {
			throw new SigningKeyException(file, "The signing key file " + file
					+ " holds no unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----)" + hint(pem), null);
		}
		PrivateKey key;
		try {
			byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
			key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			throw new SigningKeyException(file,
					"The signing key in " + file + " is no valid RSA private key (PKCS#8 PEM): " + ex.getMessage(), ex);
		}
		if (!(key instanceof RSAPrivateCrtKey crtKey)) {
			throw new SigningKeyException(file, "The signing key in " + file
					+ " lacks the CRT parameters the public key is derived from; write it with openssl genpkey.", null);
		}
		if (crtKey.getModulus().bitLength() < MIN_BITS) {
			throw new SigningKeyException(file, "The signing key in " + file + " has " + crtKey.getModulus().bitLength()
					+ " bits; RS256 needs at least " + MIN_BITS + ".", null);
		}
		return crtKey;
	}

	/** What to do about the PEM forms people have at hand instead. */
	private static String hint(String pem) {
		if (pem.contains("BEGIN RSA PRIVATE KEY")) {
			return "; it is PKCS#1 (BEGIN RSA PRIVATE KEY): convert it with "
					+ "openssl pkcs8 -topk8 -nocrypt -in OLD.pem -out NEW.pem";
		}
		if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
			return "; it is encrypted: the file's permissions protect it, not a passphrase "
					+ "(openssl pkcs8 -in OLD.pem -out NEW.pem)";
		}
		return "; create one with openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out FILE";
	}

}
