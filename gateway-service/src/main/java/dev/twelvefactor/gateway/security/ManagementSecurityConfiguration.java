package dev.twelvefactor.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * The management port: HTTP Basic with two users of its own, separate from the access
 * tokens of the public port. Health and its probes are open (without details) for
 * orchestrators and load balancers; prometheus, metrics and info need user
 * {@code monitoring} (or {@code admin}); every other endpoint (refresh, ...) needs
 * {@code admin}.
 */
@Configuration(proxyBeanMethods = false)
class ManagementSecurityConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain managementSecurity(ServerHttpSecurity http, ManagementCredentials credentials,
			ProblemSecurityHandlers handlers) {
		return http
			.securityMatcher(new OrServerWebExchangeMatcher(onManagementServer(), EndpointRequest.toAnyEndpoint()))
			.authorizeExchange((exchanges) -> exchanges.matchers(EndpointRequest.to("health"))
				.permitAll()
				.matchers(EndpointRequest.to("prometheus", "metrics", "info"))
				.hasAnyRole("MONITORING", "ADMIN")
				.anyExchange()
				.hasRole("ADMIN"))
			.httpBasic((basic) -> basic.authenticationManager(users(credentials))
				.authenticationEntryPoint(handlers.basic()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(handlers.basic())
				.accessDeniedHandler(handlers.basicDenied()))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.build();
	}

	/**
	 * Every request the management server answers, endpoint or not. (When management
	 * shares the public port, {@link EndpointRequest#toAnyEndpoint()} picks its paths.)
	 */
	private static ServerWebExchangeMatcher onManagementServer() {
		return (exchange) -> WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(),
				WebServerNamespace.MANAGEMENT.getValue()) ? ServerWebExchangeMatcher.MatchResult.match()
						: ServerWebExchangeMatcher.MatchResult.notMatch();
	}

	/**
	 * Not beans: a ReactiveUserDetailsService bean would become every chain's default
	 * user store.
	 */
	private static ReactiveAuthenticationManager users(ManagementCredentials credentials) {
		PasswordEncoder plain = new ConstantTimePlainPasswords();
		MapReactiveUserDetailsService users = new MapReactiveUserDetailsService(
				User.withUsername("monitoring").password(credentials.monitoringPassword()).roles("MONITORING").build(),
				User.withUsername("admin").password(credentials.adminPassword()).roles("ADMIN").build());
		UserDetailsRepositoryReactiveAuthenticationManager manager = new UserDetailsRepositoryReactiveAuthenticationManager(
				users);
		manager.setPasswordEncoder(plain);
		return manager;
	}

	/**
	 * Compares passwords as they are, in constant time. The passwords are in this
	 * process's memory anyway (environment, properties), random and long (the launcher
	 * makes them), so a slow hash would protect nothing and only cost CPU on every
	 * scrape.
	 */
	static final class ConstantTimePlainPasswords implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			return rawPassword.toString();
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return rawPassword != null && encodedPassword != null
					&& MessageDigest.isEqual(rawPassword.toString().getBytes(StandardCharsets.UTF_8),
							encodedPassword.getBytes(StandardCharsets.UTF_8));
		}

	}

}
