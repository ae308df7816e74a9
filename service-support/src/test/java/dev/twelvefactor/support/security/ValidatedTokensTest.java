package dev.twelvefactor.support.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cache of validated tokens in front of real Nimbus decoders (RS256 tokens signed
 * here; the reactive one a stand-in, the gateway's WebClient-based decoder is not on this
 * module's classpath): a token is validated once while it is valid, and nothing that
 * failed is kept.
 */
class ValidatedTokensTest {

	static RSAKey key;

	final AtomicInteger validations = new AtomicInteger();

	@BeforeAll
	static void generateKey() throws JOSEException {
		key = new RSAKeyGenerator(2048).keyID("test").generate();
	}

	@Test
	void aValidTokenIsValidatedOnceThenServedFromTheCache() throws Exception {
		JwtDecoder decoder = new CachingJwtDecoder(counting(servletDecoder()), tokens(Clock.systemUTC()));
		String token = token("alice", Instant.now().plusSeconds(300));
		assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
		assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
		assertThat(validations).hasValue(1);
	}

	@Test
	void aTokenWithAnotherSignatureIsValidatedAndRefusedAfterTheGenuineOneWasCached() throws Exception {
		JwtDecoder decoder = new CachingJwtDecoder(counting(servletDecoder()), tokens(Clock.systemUTC()));
		String genuine = token("alice", Instant.now().plusSeconds(300));
		decoder.decode(genuine);
		String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "AAAA";
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(forged));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(forged));
		assertThat(validations).hasValue(3);
	}

	@Test
	void anExpiredTokenIsRefusedEveryTime() throws Exception {
		JwtDecoder decoder = new CachingJwtDecoder(counting(servletDecoder()), tokens(Clock.systemUTC()));
		String expired = token("alice", Instant.now().minusSeconds(120));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(expired));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(expired));
		assertThat(validations).hasValue(2);
	}

	@Test
	void aTokenPastItsExpiryIsNotKeptEvenWhenTheDecoderAcceptsIt() {
		// Spring Security accepts a token up to 60 s after its exp (clock skew): such a
		// token is validated on every request, never kept.
		Instant now = Instant.parse("2026-12-03T12:00:00Z");
		Jwt lateButAccepted = Jwt.withTokenValue("late")
			.header("alg", "RS256")
			.subject("alice")
			.issuedAt(now.minusSeconds(330))
			.expiresAt(now.minusSeconds(30))
			.build();
		JwtDecoder decoder = new CachingJwtDecoder(counting((token) -> lateButAccepted),
				tokens(Clock.fixed(now, ZoneOffset.UTC)));
		decoder.decode("late");
		decoder.decode("late");
		assertThat(validations).hasValue(2);
	}

	@Test
	void theReactiveDecoderKeepsOnlyWhatItAccepted() throws Exception {
		JwtDecoder nimbus = servletDecoder();
		ReactiveJwtDecoder counting = (token) -> Mono.fromCallable(() -> {
			validations.incrementAndGet();
			return nimbus.decode(token);
		});
		ReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(counting, tokens(Clock.systemUTC()));
		String token = token("bob", Instant.now().plusSeconds(300));
		assertThat(decoder.decode(token).block().getSubject()).isEqualTo("bob");
		assertThat(decoder.decode(token).block().getSubject()).isEqualTo("bob");
		String expired = token("bob", Instant.now().minusSeconds(120));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(expired).block());
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(expired).block());
		assertThat(validations).hasValue(3);
	}

	@Test
	void everyDecoderBeanIsWrappedUnlessTheCacheIsOff() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ValidatedTokenCacheAutoConfiguration.class))
			.withBean(JwtDecoder.class, ValidatedTokensTest::servletDecoder)
			.withBean(ReactiveJwtDecoder.class, () -> (token) -> Mono.empty());
		runner.run((context) -> {
			assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(CachingJwtDecoder.class);
			assertThat(context.getBean(ReactiveJwtDecoder.class)).isInstanceOf(CachingReactiveJwtDecoder.class);
		});
		runner.withPropertyValues("platform.security.validated-tokens.maximum-size=0").run((context) -> {
			assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(NimbusJwtDecoder.class);
			assertThat(context).doesNotHaveBean(ValidatedTokens.class);
		});
	}

	JwtDecoder counting(JwtDecoder decoder) {
		return (token) -> {
			validations.incrementAndGet();
			return decoder.decode(token);
		};
	}

	static ValidatedTokens tokens(Clock clock) {
		return new ValidatedTokens(new ValidatedTokenProperties(100), clock);
	}

	static JwtDecoder servletDecoder() {
		try {
			return NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String token(String subject, Instant expiresAt) throws JOSEException {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issueTime(Date.from(expiresAt.minusSeconds(300)))
			.expirationTime(Date.from(expiresAt))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
