package dev.twelvefactor.launcher.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name (or client id) and its password (or client secret). Its string form hides
 * the password, so that a log line or an assertion message never shows it.
 */
public record Credentials(String username, String password) {

	public Credentials {
		if (username.isBlank() || password.isBlank()) {
			throw new IllegalArgumentException("Credentials need a user name and a password");
		}
	}

	/** The value of an {@code Authorization} header for HTTP Basic (RFC 7617). */
	public String basicAuthorization() {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * {@code url} with these credentials as its user info
	 * ({@code http://user:password@host:port/...}): how a Eureka client is given them.
	 * The generated passwords are URL-safe, so nothing needs escaping.
	 */
	public String inUrl(String url) {
		int hostStart = url.indexOf("://");
		if (hostStart < 0 || url.substring(hostStart + 3).contains("@")) {
			throw new IllegalArgumentException("Not a URL without user info: " + url);
		}
		return url.substring(0, hostStart + 3) + username + ":" + password + "@" + url.substring(hostStart + 3);
	}

	@Override
	public String toString() {
		return "Credentials[username=" + username + ", password=(hidden)]";
	}

}
