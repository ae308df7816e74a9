package dev.twelvefactor.loadgen;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two fields of an OAuth 2.0 token response (RFC 6749, section 5.1) a client needs,
 * read without a JSON library (this module has none): a JWT is base64url and dots, with
 * nothing a JSON string would escape.
 *
 * @param expiresIn how long the token is valid from when it was issued
 */
record TokenResponse(String accessToken, Duration expiresIn) {

	/**
	 * RFC 6749 only recommends {@code expires_in}; without it the token is taken for
	 * valid this long, and then fetched again.
	 */
	static final Duration UNSTATED_LIFETIME = Duration.ofMinutes(1);

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"\\\\]+)\"");

	private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d{1,9})\\b");

	/** Refuses a body without an access token, or with one that is not of this form. */
	static TokenResponse parse(String json) {
		Matcher token = ACCESS_TOKEN.matcher(json);
		if (!token.find()) {
			throw new IllegalArgumentException("No access_token in the token response");
		}
		Matcher expiresIn = EXPIRES_IN.matcher(json);
		return new TokenResponse(token.group(1),
				expiresIn.find() ? Duration.ofSeconds(Long.parseLong(expiresIn.group(1))) : UNSTATED_LIFETIME);
	}

	@Override
	public String toString() {
		return "TokenResponse[accessToken=(hidden), expiresIn=" + expiresIn + "]";
	}

}
