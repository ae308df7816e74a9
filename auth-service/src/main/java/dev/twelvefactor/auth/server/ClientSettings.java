package dev.twelvefactor.auth.server;

import dev.twelvefactor.auth.config.RequiredSetting;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;

/**
 * Checks Spring Boot's authorization server settings for values the environment should
 * have filled in: the issuer (PUBLIC_URL), the client secrets, the redirect URIs. Boot
 * would register a client whose secret is the literal text of a missing variable.
 */
final class ClientSettings {

	private static final String PREFIX = "spring.security.oauth2.authorizationserver.";

	private ClientSettings() {
	}

	static void verify(OAuth2AuthorizationServerProperties properties) {
		RequiredSetting.require(properties.getIssuer(), PREFIX + "issuer");
		properties.getClient().forEach((name, client) -> {
			String key = PREFIX + "client." + name + ".registration.";
			if (client.getRegistration().getClientSecret() != null) {
				RequiredSetting.require(client.getRegistration().getClientSecret(), key + "client-secret");
			}
			client.getRegistration()
				.getRedirectUris()
				.forEach(redirectUri -> RequiredSetting.require(redirectUri, key + "redirect-uris"));
		});
	}

}
