package dev.twelvefactor.auth.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings that come from the environment and have no fallback: a secret, a password, the
 * public address. Spring leaves a placeholder it cannot resolve as it is, so a missing
 * variable would quietly turn into the literal text {@code ${NAME}}, a password anyone
 * can read in git; this refuses it, and names the variable to set.
 */
public final class RequiredSetting {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

	/** A password encoder's prefix, as in {@code {noop}secret}. */
	private static final Pattern ENCODING = Pattern.compile("^\\{[^}]*}");

	private RequiredSetting() {
	}

	/**
	 * The value, if set.
	 * @param value the bound value
	 * @param key the configuration key, for the message
	 * @return the value
	 * @throws IllegalStateException when the value is missing, blank (also after a
	 * {@code {noop}} prefix) or holds an unresolved placeholder
	 */
	public static String require(String value, String key) {
		if (value == null) {
			throw new IllegalStateException(key + " is not set");
		}
		Matcher placeholder = PLACEHOLDER.matcher(value);
		if (placeholder.find()) {
			throw new IllegalStateException(
					key + " is not set: the deployment must set the environment variable " + placeholder.group(1));
		}
		if (ENCODING.matcher(value).replaceFirst("").isBlank()) {
			throw new IllegalStateException(key + " is empty: the deployment must set it");
		}
		return value;
	}

}
