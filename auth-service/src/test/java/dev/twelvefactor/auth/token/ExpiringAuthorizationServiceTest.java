package dev.twelvefactor.auth.token;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringAuthorizationServiceTest {

	private static final RegisteredClient CLIENT = RegisteredClient.withId("order-service")
		.clientId("order-service")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
		.build();

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	};

	private final ExpiringAuthorizationService service = new ExpiringAuthorizationService(clock, Duration.ofMinutes(1));

	@Test
	void anAuthorizationIsKeptWhileItsTokenIsValidAndForgottenAfter() {
		OAuth2Authorization first = authorization("first", now.plus(Duration.ofMinutes(5)));
		service.save(first);

		now = now.plus(Duration.ofMinutes(2));
		service.save(authorization("second", now.plus(Duration.ofMinutes(5))));
		assertThat(service.findByToken("first", OAuth2TokenType.ACCESS_TOKEN)).isEqualTo(first);

		now = now.plus(Duration.ofMinutes(4));
		service.save(authorization("third", now.plus(Duration.ofMinutes(5))));

		assertThat(service.findByToken("first", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(service.findById("first")).isNull();
		assertThat(service.findByToken("second", OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
		assertThat(service.size()).isEqualTo(2);
	}

	@Test
	void removedAuthorizationsAreGone() {
		OAuth2Authorization authorization = authorization("first", now.plus(Duration.ofMinutes(5)));
		service.save(authorization);

		service.remove(authorization);

		assertThat(service.findById("first")).isNull();
		assertThat(service.size()).isZero();
	}

	private OAuth2Authorization authorization(String id, Instant expiresAt) {
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, id,
				expiresAt.minus(Duration.ofMinutes(5)), expiresAt, Set.of("inventory.reserve"));
		return OAuth2Authorization.withRegisteredClient(CLIENT)
			.id(id)
			.principalName("order-service")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.accessToken(token)
			.build();
	}

}
