package dev.twelvefactor.support.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.Map;

/**
 * The fixed control-plane users (HTTP Basic: {@code eureka}, {@code config},
 * {@code monitoring}, {@code admin}) and an {@link AuthenticationManager} that knows only
 * them, for one filter chain. A chain that sets its own manager
 * ({@code http.authenticationManager(...)}) never sees an application's users, nor they
 * its. <pre>{@code
 * http.authenticationManager(ControlPlaneUsers.authenticationManager(
 *         ControlPlaneUsers.user("eureka", properties.password(), "EUREKA")));
 * }</pre>
 */
public final class ControlPlaneUsers {

	/**
	 * BCrypt at its lowest cost. The hash protects nothing at rest here: it lives only in
	 * memory, next to the plain password in the environment. It is a constant-time
	 * comparison, cheap enough for a check on every request (Basic is stateless: Eureka
	 * heartbeats and registry fetches, Prometheus scrapes), where the default cost would
	 * spend tens of milliseconds of CPU on each.
	 */
	private static final PasswordEncoder ENCODER = new DelegatingPasswordEncoder("bcrypt",
			Map.of("bcrypt", new BCryptPasswordEncoder(4)));

	private ControlPlaneUsers() {
	}

	/**
	 * A user with the given roles (without the {@code ROLE_} prefix). Its password is
	 * stored as {@code {bcrypt}...}, which Spring Security's default password encoder
	 * reads too.
	 * @param name the user name
	 * @param password the password, in plain text as the environment holds it
	 * @param roles the roles, e.g. {@code ADMIN}
	 * @return the user, its password hashed
	 */
	public static UserDetails user(String name, String password, String... roles) {
		return User.withUsername(name).password(ENCODER.encode(password)).roles(roles).build();
	}

	/**
	 * An authentication manager that knows these users only.
	 * @param users users made by {@link #user(String, String, String...)}
	 * @return the manager, for {@code HttpSecurity.authenticationManager(...)}
	 */
	public static AuthenticationManager authenticationManager(UserDetails... users) {
		// InMemoryUserDetailsManager hands out copies, so erasing the credentials of an
		// authenticated principal leaves the stored users intact. No password upgrade:
		// the cost above is deliberate.
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(users));
		provider.setPasswordEncoder(ENCODER);
		return new ProviderManager(provider);
	}

}
