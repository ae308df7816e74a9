package dev.twelvefactor.config.security;

import dev.twelvefactor.support.security.ControlPlaneUsers;
import dev.twelvefactor.support.security.PlatformSecurityProperties;
import dev.twelvefactor.support.security.ProblemSecurityHandlers;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The main port, HTTP Basic on every request: configuration (it holds database passwords
 * and client secrets) for the user {@code config}; {@code /encrypt} and {@code /decrypt},
 * which would turn anyone into a decryption oracle for the values config-repo keeps
 * encrypted, for {@code admin} only. The callers are config clients and operators' tools
 * with their credentials on every request: no session, no CSRF token. Only when serving:
 * an admin process ({@code admin refresh-all}) has no web server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConfigServerSecurityConfiguration {

	static final String REALM = "config";

	/**
	 * The two users of this port, as a bean so that Spring Boot adds no default user with
	 * a generated password; the management chain has its own users and ignores these.
	 */
	@Bean
	AuthenticationManager configServerUsers(ConfigServerSecurityProperties config,
			PlatformSecurityProperties platform) {
		String password = PlatformSecurityProperties.required(config.password(), "platform.config-server.password",
				"CONFIG_PASSWORD");
		return ControlPlaneUsers.authenticationManager(ControlPlaneUsers.user("config", password, "CONFIG"),
				ControlPlaneUsers.user("admin", platform.requiredAdminPassword(), "ADMIN"));
	}

	@Bean
	SecurityFilterChain configServerSecurityFilterChain(HttpSecurity http, AuthenticationManager configServerUsers) {
		AuthenticationEntryPoint entryPoint = ProblemSecurityHandlers.basicEntryPoint(REALM);
		http.authenticationManager(configServerUsers)
			// An error dispatch (the page a failed request is forwarded to) was
			// authorized
			// as the request it belongs to: a failing /encrypt stays a 500 for admin.
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/encrypt", "/encrypt/**", "/decrypt", "/decrypt/**")
				.hasRole("ADMIN")
				.anyRequest()
				.hasRole("CONFIG"))
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()))
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
		return http.build();
	}

}
