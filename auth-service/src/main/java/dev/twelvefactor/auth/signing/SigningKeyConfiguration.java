package dev.twelvefactor.auth.signing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.twelvefactor.auth.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The key set the authorization server signs with, in place of Boot's default, which
 * generates a new key on every start: tokens from before a restart, or from another
 * replica, would no longer verify.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyConfiguration.class);

	/**
	 * Read while the context starts, not at the first token request: an instance without
	 * its key fails to start rather than passing its health checks and failing every
	 * token request.
	 */
	@Bean
	JWKSource<SecurityContext> jwkSource(AuthProperties properties) {
		RSAKey key = SigningKeys.load(properties.signingKeyPath());
		log.info("Signing tokens with key {} ({} bits) from {}", key.getKeyID(), key.size(),
				properties.signingKeyPath());
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	/**
	 * Checks the access tokens presented to {@code /userinfo} against the key itself,
	 * rather than fetching this server's own key set over HTTP (what the resource-server
	 * settings shared by every service would do).
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
	}

}
