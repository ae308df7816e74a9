package dev.twelvefactor.support.security;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** The gateway's {@link ReactiveJwtDecoder} in front of {@link ValidatedTokens}. */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder validating;

	private final ValidatedTokens tokens;

	CachingReactiveJwtDecoder(ReactiveJwtDecoder validating, ValidatedTokens tokens) {
		this.validating = validating;
		this.tokens = tokens;
	}

	@Override
	public Mono<Jwt> decode(String token) throws JwtException {
		Jwt cached = tokens.getIfPresent(token);
		if (cached != null) {
			return Mono.just(cached);
		}
		return validating.decode(token).doOnNext((validated) -> tokens.put(token, validated));
	}

}
