package dev.twelvefactor.auth.server;

import org.junit.jupiter.api.Test;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientSettingsTest {

	@Test
	void resolvedSettingsPass() {
		assertThatNoException()
			.isThrownBy(() -> ClientSettings.verify(properties("http://127.0.0.1:8080", "{noop}s3cret", null)));
	}

	@Test
	void aSecretTheEnvironmentDidNotSetIsRefused() {
		assertThatThrownBy(() -> ClientSettings
			.verify(properties("http://127.0.0.1:8080", "{noop}${ORDER_SERVICE_CLIENT_SECRET}", null)))
			.hasMessage("spring.security.oauth2.authorizationserver.client.order-service.registration.client-secret "
					+ "is not set: the deployment must set the environment variable ORDER_SERVICE_CLIENT_SECRET");
	}

	@Test
	void anEmptySecretIsRefused() {
		assertThatThrownBy(() -> ClientSettings.verify(properties("http://127.0.0.1:8080", "{noop}", null)))
			.hasMessageContaining("client-secret is empty");
	}

	@Test
	void aMissingPublicUrlIsRefusedInTheIssuerAndTheRedirectUri() {
		assertThatThrownBy(() -> ClientSettings.verify(properties("${PUBLIC_URL}", null, null)))
			.hasMessageContaining("issuer is not set")
			.hasMessageContaining("PUBLIC_URL");
		assertThatThrownBy(() -> ClientSettings
			.verify(properties("http://127.0.0.1:8080", null, "${PUBLIC_URL}/swagger-ui/oauth2-redirect.html")))
			.hasMessageContaining("redirect-uris is not set")
			.hasMessageContaining("PUBLIC_URL");
	}

	private static OAuth2AuthorizationServerProperties properties(String issuer, String secret, String redirectUri) {
		OAuth2AuthorizationServerProperties properties = new OAuth2AuthorizationServerProperties();
		properties.setIssuer(issuer);
		OAuth2AuthorizationServerProperties.Client client = new OAuth2AuthorizationServerProperties.Client();
		client.getRegistration().setClientId("order-service");
		client.getRegistration().setClientSecret(secret);
		if (redirectUri != null) {
			client.getRegistration().getRedirectUris().add(redirectUri);
		}
		properties.getClient().put("order-service", client);
		assertThat(properties.getClient()).hasSize(1);
		return properties;
	}

}
