package dev.twelvefactor.auth.login;

import dev.twelvefactor.auth.config.AuthProperties;
import dev.twelvefactor.auth.config.RequiredSetting;
import dev.twelvefactor.support.security.ProblemSecurityHandlers;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.util.ArrayList;
import java.util.List;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * The login page and everything else on the main port that is not an authorization server
 * endpoint. Sessions and CSRF protection stay on: this is the one browser-facing
 * application of the platform, and its session is what carries a signed-in person from
 * the login page back to {@code /oauth2/authorize}.
 */
@Configuration(proxyBeanMethods = false)
class LoginSecurity {

	/**
	 * Last of all chains: it matches every request, so the more specific ones (the
	 * authorization server's, the management port's) must be asked first.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain loginFilterChain(HttpSecurity http, UserDetailsService users) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		http.authorizeHttpRequests(authorize -> authorize
			// An error page (problem+json) is shown to whoever caused the error.
			.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.anyRequest()
			.authenticated())
			// Its own manager, so only these users sign in here, whatever other user
			// stores (the actuator's) the context holds.
			.authenticationManager(new ProviderManager(provider))
			.formLogin(withDefaults())
			// A form posted without its CSRF token: 403 problem+json saying so.
			.exceptionHandling(
					exceptions -> exceptions.accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()));
		return http.build();
	}

	/**
	 * The users from configuration, their passwords hashed in memory as soon as read; a
	 * user whose password the environment did not set stops the start.
	 */
	@Bean
	UserDetailsService users(AuthProperties properties) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		List<UserDetails> users = new ArrayList<>();
		for (int i = 0; i < properties.users().size(); i++) {
			AuthProperties.User user = properties.users().get(i);
			String name = RequiredSetting.require(user.name(), "auth.users[" + i + "].name");
			String password = RequiredSetting.require(user.password(), "auth.users[" + i + "].password");
			users.add(User.withUsername(name).password(encoder.encode(password)).roles("USER").build());
		}
		return new InMemoryUserDetailsManager(users);
	}

}
