package dev.twelvefactor.discovery.security;

import dev.twelvefactor.support.security.ControlPlaneUsers;
import dev.twelvefactor.support.security.PlatformSecurityProperties;
import dev.twelvefactor.support.security.ProblemSecurityHandlers;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The main port: the registry API ({@code /eureka/**}: register, heartbeat, status
 * change, cancel, fetch) and the dashboard ({@code /}) for the user {@code eureka} only,
 * with HTTP Basic. A registry anyone can write to lets anyone route the platform's
 * traffic to an address of their choosing.
 * <p>
 * No CSRF token for the registry API: Eureka clients send POST, PUT and DELETE without
 * one, with their credentials on every request and no session. The dashboard keeps
 * Spring's CSRF protection (it only reads). Stateless: a browser sends the Basic
 * credentials again with each page.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EurekaSecurityProperties.class)
class EurekaSecurityConfiguration {

	static final String REALM = "eureka";

	/**
	 * The Eureka user, as a bean so that Spring Boot adds no default user with a
	 * generated password; the management chain has its own users and ignores this one.
	 */
	@Bean
	AuthenticationManager eurekaUsers(EurekaSecurityProperties properties) {
		String password = PlatformSecurityProperties.required(properties.password(), "platform.eureka.password",
				"EUREKA_PASSWORD");
		return ControlPlaneUsers.authenticationManager(ControlPlaneUsers.user("eureka", password, "EUREKA"));
	}

	@Bean
	SecurityFilterChain eurekaSecurityFilterChain(HttpSecurity http, AuthenticationManager eurekaUsers) {
		AuthenticationEntryPoint entryPoint = ProblemSecurityHandlers.basicEntryPoint(REALM);
		http.authenticationManager(eurekaUsers)
			// An error dispatch (the page a failed request is forwarded to) was
			// authorized
			// as the request it belongs to.
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.anyRequest()
				.hasRole("EUREKA"))
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()))
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/eureka/**"))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
		return http.build();
	}

}
