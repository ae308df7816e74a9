package dev.twelvefactor.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cache of validated access tokens ({@link ValidatedTokens}),
 * {@code platform.security.validated-tokens.*}.
 *
 * @param maximumSize how many tokens an instance keeps (about 3 KB each); the least used
 * make room first. {@code 0}: no cache, every request's token is validated from scratch
 */
@ConfigurationProperties("platform.security.validated-tokens")
public record ValidatedTokenProperties(@DefaultValue("1000") int maximumSize) {

	public ValidatedTokenProperties {
		if (maximumSize < 0) {
			throw new IllegalArgumentException(
					"platform.security.validated-tokens.maximum-size must be 0 or more, not " + maximumSize);
		}
	}

}
