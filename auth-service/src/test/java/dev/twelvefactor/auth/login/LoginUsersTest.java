package dev.twelvefactor.auth.login;

import dev.twelvefactor.auth.config.AuthProperties;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginUsersTest {

	@Test
	void usersAreKeptWithTheirPasswordsHashed() {
		UserDetailsService users = new LoginSecurity()
			.users(properties(new AuthProperties.User("demo", "secret-password")));

		UserDetails demo = users.loadUserByUsername("demo");

		assertThat(demo.getPassword()).startsWith("{bcrypt}").doesNotContain("secret-password");
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
			.matches("secret-password", demo.getPassword())).isTrue();
	}

	@Test
	void aUserWhosePasswordTheEnvironmentDidNotSetStopsTheStart() {
		// What Spring binds when DEMO_USER_PASSWORD is missing: the placeholder itself.
		assertThatThrownBy(
				() -> new LoginSecurity().users(properties(new AuthProperties.User("demo", "${DEMO_USER_PASSWORD}"))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("auth.users[0].password is not set: the deployment must set the environment variable "
					+ "DEMO_USER_PASSWORD");
		assertThatThrownBy(() -> new LoginSecurity().users(properties(new AuthProperties.User("demo", " "))))
			.hasMessageContaining("auth.users[0].password is empty");
	}

	@Test
	void passwordsStayOutOfLogLines() {
		assertThat(new AuthProperties.User("demo", "secret-password").toString()).doesNotContain("secret-password");
	}

	private static AuthProperties properties(AuthProperties.User... users) {
		return new AuthProperties("platform-api", null, List.of(users));
	}

}
