package dev.twelvefactor.system;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Access tokens made by the test itself with auth-service's own signing key (the file the
 * launcher generated), each correct but for the one claim a test changes: so a refusal
 * shows that exactly that claim is checked. A token with every claim right is accepted,
 * which {@code SecurityIT} checks too: otherwise the refusals would prove nothing.
 */
final class ForgedTokens {

	static final String AUDIENCE = "platform-api";

	private final RSAKey key;

	private final String issuer;

	private ForgedTokens(RSAKey key, String issuer) {
		this.key = key;
		this.issuer = issuer;
	}

	/** Signed with the key in this PKCS#8 PEM file, as auth-service signs. */
	static ForgedTokens signedWith(Path pemFile, String issuer) {
		try {
			String pem = Files.readString(pemFile)
				.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
				.replaceAll("\\s", "");
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
			RSAPublicKey publicKey = (RSAPublicKey) rsa
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new ForgedTokens(new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build(),
					issuer);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (GeneralSecurityException | JOSEException e) {
			throw new IllegalStateException("Not an RSA private key: " + pemFile, e);
		}
	}

	/** Signed with a key of the test's own, under the real key's id. */
	ForgedTokens withAnotherKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			var pair = generator.generateKeyPair();
			return new ForgedTokens(new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
				.keyID(key.getKeyID())
				.build(), issuer);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * A bearer header for a token of {@code subject} with these scopes, every claim as
	 * auth-service writes it, then changed by {@code change}.
	 */
	String bearer(String subject, List<String> scopes, UnaryOperator<JWTClaimsSet.Builder> change) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer)
			.subject(subject)
			.audience(AUDIENCE)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("scope", scopes);
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				change.apply(claims).build());
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
		return "Bearer " + jwt.serialize();
	}

	String bearer(String subject, List<String> scopes) {
		return bearer(subject, scopes, claims -> claims);
	}

}
