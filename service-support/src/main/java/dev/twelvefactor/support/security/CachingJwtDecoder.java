package dev.twelvefactor.support.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** A servlet resource server's {@link JwtDecoder} in front of {@link ValidatedTokens}. */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder validating;

	private final ValidatedTokens tokens;

	CachingJwtDecoder(JwtDecoder validating, ValidatedTokens tokens) {
		this.validating = validating;
		this.tokens = tokens;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		return tokens.get(token, validating::decode);
	}

}
