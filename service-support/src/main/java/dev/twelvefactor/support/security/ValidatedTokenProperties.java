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
public record ValidatedTokenProperties(@DefaultValue(ValidatedTokenProperties.DEFAULT_MAXIMUM_SIZE) int maximumSize) {

	/** The default maximum size, also read by the auto-configuration's condition. */
	static final String DEFAULT_MAXIMUM_SIZE = "1000";

	public ValidatedTokenProperties {
		if (maximumSize < 0) {
			throw new IllegalArgumentException(
					"platform.security.validated-tokens.maximum-size must be 0 or more, not " + maximumSize);
		}
	}

}
