package dev.twelvefactor.support.security;

import jakarta.servlet.DispatcherType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * What every resource server (order-service, inventory-service) sets on its main chain
 * before its own rules: bearer tokens (JWT, checked by the {@code JwtDecoder} Spring Boot
 * configures from {@code spring.security.oauth2.resourceserver.jwt.*}), no session, no
 * CSRF (a token in a header, no cookie a browser would send by itself), no logout page,
 * problem+json for 401 and 403, and error dispatches let through (the service's rules
 * come after that one). <pre>{@code
 * SecurityFilterChain api(HttpSecurity http) { // a @Bean method
 *     ResourceServerSecurity.apply(http)
 *         .authorizeHttpRequests((requests) -> requests
 *             .requestMatchers(HttpMethod.GET, "/api/orders/**").hasAuthority("SCOPE_orders.read")
 *             .anyRequest().authenticated());
 *     return http.build();
 * }
 * }</pre> A static method, not a {@code Customizer<HttpSecurity>} bean: Spring Security
 * applies such beans to every {@code HttpSecurity}, the actuator chain's too.
 */
public final class ResourceServerSecurity {

	private ResourceServerSecurity() {
	}

	/**
	 * Makes the chain a stateless bearer-token resource server.
	 * @param http the chain being built
	 * @return the same {@code http}, for the service's own {@code authorizeHttpRequests}
	 */
	public static HttpSecurity apply(HttpSecurity http) {
		AuthenticationEntryPoint entryPoint = ProblemSecurityHandlers.bearerEntryPoint();
		AccessDeniedHandler deniedHandler = ProblemSecurityHandlers.accessDeniedHandler();
		return http
			// The error page an answer was forwarded to (after an exception, a 404) is
			// not a new request: the request itself was authorized already. Without this
			// the error dispatch is checked again, by the service's rules for /error, and
			// a 500 would turn into a 401 or 403.
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler));
	}

}
