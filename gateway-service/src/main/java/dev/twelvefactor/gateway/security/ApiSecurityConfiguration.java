package dev.twelvefactor.gateway.security;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.twelvefactor.gateway.observability.TraceIdHeader;

/**
 * The public port: an OAuth2 resource server. Access tokens are JWTs that Spring Boot's
 * auto-configured decoder checks (signature against auth-service's keys, issuer,
 * audience, expiry; see {@code spring.security.oauth2.resourceserver.jwt.*}). The
 * services check them again: the Authorization header is forwarded as it came. Stateless:
 * no session, no saved request, and no CSRF protection, which only matters for
 * credentials a browser sends by itself (cookies), not for bearer tokens.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	/** Product reads and both OpenAPI documents: anyone may read them. */
	static final String[] PUBLIC_READS = { "/api/inventory/products", "/api/inventory/products/**",
			"/api/inventory/openapi", "/api/orders/openapi" };

	/**
	 * auth-service's endpoints and sign-in pages, routed through the gateway: it
	 * authenticates those requests itself (client credentials, the login form).
	 */
	static final String[] AUTH_SERVICE = { "/oauth2/**", "/.well-known/**", "/login", "/login/**", "/logout",
			"/userinfo", "/connect/**", "/default-ui.css" };

	/**
	 * The API explorer (Swagger UI): its page, its files and its configuration; the
	 * documents it shows are {@link #PUBLIC_READS}.
	 */
	static final String[] API_EXPLORER = { "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/swagger-config" };

	/**
	 * springdoc's own documents of the gateway: it has no API of its own to describe
	 * (springdoc cannot switch them off without switching off the Swagger UI too).
	 */
	static final String[] GATEWAY_API_DOCS = { "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml" };

	static final String[] ORDERS = { "/api/orders/**" };

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ProblemSecurityHandlers handlers, CorsProperties cors) {
		return http
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, PUBLIC_READS)
				.permitAll()
				.pathMatchers(HttpMethod.HEAD, PUBLIC_READS)
				.permitAll()
				.pathMatchers(AUTH_SERVICE)
				.permitAll()
				.pathMatchers(HttpMethod.GET, API_EXPLORER)
				.permitAll()
				.pathMatchers(HttpMethod.HEAD, API_EXPLORER)
				.permitAll()
				.pathMatchers(GATEWAY_API_DOCS)
				.denyAll()
				.pathMatchers(HttpMethod.GET, ORDERS)
				.hasAuthority("SCOPE_orders.read")
				.pathMatchers(HttpMethod.HEAD, ORDERS)
				.hasAuthority("SCOPE_orders.read")
				.pathMatchers(HttpMethod.POST, ORDERS)
				.hasAuthority("SCOPE_orders.write")
				.pathMatchers(HttpMethod.PUT, ORDERS)
				.hasAuthority("SCOPE_orders.write")
				.pathMatchers(HttpMethod.PATCH, ORDERS)
				.hasAuthority("SCOPE_orders.write")
				.pathMatchers(HttpMethod.DELETE, ORDERS)
				.hasAuthority("SCOPE_orders.write")
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(handlers.bearer())
				.accessDeniedHandler(handlers.bearerDenied()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(handlers.bearer())
				.accessDeniedHandler(handlers.bearerDenied()))
			.cors((corsSpec) -> corsSpec.configurationSource(corsConfiguration(cors)))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			// POST /logout is auth-service's: it ends the login session.
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.build();
	}

	/**
	 * Requests Spring Security's firewall refuses (before any chain) get a problem too,
	 * not its empty 400.
	 */
	@Bean
	ServerExchangeRejectedHandler problemForRejectedExchanges(ProblemSecurityHandlers handlers) {
		return handlers.rejected();
	}

	/**
	 * CORS for /api/** from the configured origins (none by default). A preflight from
	 * any other origin is refused (403), and without it a browser sends no request that
	 * carries a token. A request without preflight gets the CORS headers only for a
	 * configured origin and is not refused otherwise: the browser keeps the page from
	 * reading the answer, and refusing it would also refuse a same-origin page whose
	 * origin the gateway cannot tell from its own behind a TLS-terminating proxy. Bearer
	 * tokens, not cookies: no credentials mode.
	 */
	static CorsConfigurationSource corsConfiguration(CorsProperties cors) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(cors.allowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
		configuration.setAllowedHeaders(
				List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, "Idempotency-Key"));
		// A page that reports a failed request hands over its trace id, so it may read
		// it.
		configuration.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
				HttpHeaders.WWW_AUTHENTICATE, "X-RateLimit-Remaining", TraceIdHeader.HEADER));
		configuration.setMaxAge(Duration.ofHours(1));
		PathPattern api = PathPatternParser.defaultInstance.parse("/api/**");
		return (exchange) -> {
			ServerHttpRequest request = exchange.getRequest();
			if (!api.matches(request.getPath().pathWithinApplication())) {
				return null;
			}
			boolean allowed = configuration.checkOrigin(request.getHeaders().getOrigin()) != null;
			return (allowed || CorsUtils.isPreFlightRequest(request)) ? configuration : null;
		};
	}

}
