package dev.twelvefactor.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator endpoints of every servlet service, on its management port: health (with
 * its liveness and readiness groups) open to all, without details unless the caller
 * signed in ({@code management.endpoint.health.show-details: when-authorized});
 * {@code prometheus}, {@code metrics} and {@code info} for the users {@code monitoring}
 * and {@code admin}; every other endpoint ({@code refresh}, ...) for {@code admin} only.
 * <p>
 * HTTP Basic against an authentication manager of its own that knows only those two
 * users, so the service's own users (Eureka's, config-service's, auth-service's login
 * users) neither sign in here nor see these users on the main port. Stateless and without
 * CSRF: the callers are Prometheus, probes, the launcher and admin tasks, with the
 * credentials on every request and no cookie. The chain matches actuator requests only,
 * and when management has a port of its own, only on that port: {@link EndpointRequest}
 * knows the server a request reached. It goes first, before any chain of the service.
 * <p>
 * With this chain present Spring Boot no longer adds its default chain: each service
 * declares the chain for its main port itself.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = { "org.springframework.security.config.annotation.web.builders.HttpSecurity",
		"org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints" })
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class ActuatorSecurityAutoConfiguration {

	/**
	 * The chain's order: before any chain of a service, which may match every request (an
	 * authorization server's chains do).
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/** The realm in the Basic challenge of the management port. */
	public static final String REALM = "actuator";

	@Bean
	@Order(ORDER)
	@ConditionalOnMissingBean(name = "actuatorSecurityFilterChain")
	SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http, PlatformSecurityProperties properties) {
		AuthenticationManager users = ControlPlaneUsers.authenticationManager(
				ControlPlaneUsers.user("monitoring", properties.requiredMonitoringPassword(), "MONITORING"),
				ControlPlaneUsers.user("admin", properties.requiredAdminPassword(), "ADMIN"));
		AuthenticationEntryPoint entryPoint = ProblemSecurityHandlers.basicEntryPoint(REALM);
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authenticationManager(users)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health"))
				.permitAll()
				.requestMatchers(EndpointRequest.to("prometheus", "metrics", "info"))
				.hasAnyRole("MONITORING", "ADMIN")
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
		return http.build();
	}

}
