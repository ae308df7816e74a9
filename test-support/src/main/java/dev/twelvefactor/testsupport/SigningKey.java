package dev.twelvefactor.testsupport;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * {@link TestAuthServer}'s RSA key: signs JWTs with RS256 as auth-service does, checks
 * them, and publishes its public half as a JWK. Plain JDK cryptography, so the services'
 * decoder (Nimbus) is tested against an independent implementation.
 */
final class SigningKey {

	private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() {
	};

	private final String id;

	private final KeyPair keys;

	SigningKey(String id) {
		this.id = id;
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.keys = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String sign(Map<String, Object> claims) {
		Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT", "kid", id);
		String content = base64(json(header)) + "." + base64(json(claims));
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(keys.getPrivate());
			signature.update(content.getBytes(StandardCharsets.US_ASCII));
			return content + "." + base64(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The claims of a JWT this key signed; fails for any other. */
	Map<String, Object> verify(String token) {
		String[] parts = token.split("\\.");
		if (parts.length != 3) {
			throw new IllegalArgumentException("Not a signed JWT: " + token);
		}
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initVerify(keys.getPublic());
			signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
				throw new IllegalArgumentException("Not signed with key " + id + ": " + token);
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		return JsonMapper.shared().readValue(Base64.getUrlDecoder().decode(parts[1]), CLAIMS);
	}

	/** The public key as a JWK (RFC 7517), for a JWK Set. */
	Map<String, Object> jwk() {
		RSAPublicKey key = (RSAPublicKey) keys.getPublic();
		return Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", id, "n", base64(unsigned(key.getModulus())),
				"e", base64(unsigned(key.getPublicExponent())));
	}

	static byte[] json(Object value) {
		return JsonMapper.shared().writeValueAsBytes(value);
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A JWK's numbers are unsigned big-endian, without BigInteger's sign byte. */
	private static byte[] unsigned(BigInteger number) {
		byte[] bytes = number.toByteArray();
		return (bytes.length > 1 && bytes[0] == 0) ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
	}

}
