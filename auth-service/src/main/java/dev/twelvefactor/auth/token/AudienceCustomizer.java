package dev.twelvefactor.auth.token;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.List;

/**
 * Sets every access token's {@code aud} to the platform's one audience. Spring
 * Authorization Server would name the client the token was issued to, which tells a
 * resource server nothing about whether the token was meant for it; with one audience
 * every resource server checks the same name. ID tokens keep the client id as their
 * audience, as OpenID Connect requires.
 */
class AudienceCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final List<String> audience;

	AudienceCustomizer(String audience) {
		this.audience = List.of(audience);
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			context.getClaims().audience(audience);
		}
	}

}
