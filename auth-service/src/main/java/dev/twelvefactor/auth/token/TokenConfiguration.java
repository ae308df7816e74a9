package dev.twelvefactor.auth.token;

import dev.twelvefactor.auth.config.AuthProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.time.Clock;
import java.time.Duration;

/**
 * The token customizer and the authorization store, both found by Spring Authorization
 * Server as beans.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> audienceCustomizer(AuthProperties properties) {
		return new AudienceCustomizer(properties.audience());
	}

	@Bean
	OAuth2AuthorizationService authorizationService() {
		return new ExpiringAuthorizationService(Clock.systemUTC(), Duration.ofMinutes(1));
	}

}
