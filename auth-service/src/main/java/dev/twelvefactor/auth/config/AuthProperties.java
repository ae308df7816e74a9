package dev.twelvefactor.auth.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code auth.*} settings. The registered clients, the issuer and the token lifetimes
 * are Spring Boot's own {@code spring.security.oauth2.authorizationserver.*} keys
 * (config-repo/auth-service.yml); these are what Boot has no key for.
 *
 * @param audience the {@code aud} of every access token: the one name all resource
 * servers accept, whichever client the token was issued to
 * @param signingKeyPath the RSA private key (PKCS#8 PEM) that signs the tokens; a file,
 * not a setting, so the key never passes through config-service, and every replica and
 * restart signs with the same key ({@code AUTH_SIGNING_KEY_PATH})
 * @param users the people who may sign in on the login page
 */
@ConfigurationProperties("auth")
public record AuthProperties(@DefaultValue("platform-api") String audience, Path signingKeyPath,
		@DefaultValue List<User> users) {

	/**
	 * @param name the user name, the {@code sub} of the user's tokens
	 * @param password the password in plain text, from the environment (never in git);
	 * hashed in memory at startup
	 */
	public record User(String name, String password) {

		@Override
		public String toString() {
			// Records print every component; a password has no place in a log line.
			return "User[name=" + name + "]";
		}

	}

}
