package dev.twelvefactor.auth.server;

import dev.twelvefactor.support.security.ActuatorSecurityAutoConfiguration;
import dev.twelvefactor.support.security.ProblemSecurityHandlers;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Set;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * The filter chain of the authorization server's own endpoints. Spring Boot would declare
 * a similar chain, but only while the application declares none (and service-support's
 * actuator chain is one).
 * <p>
 * Errors keep the form their protocol prescribes: the token endpoint answers OAuth 2.0
 * error JSON (RFC 6749 5.2), which every OAuth client parses; the authorization endpoint
 * redirects its errors to the client when it can trust the redirect URI, and otherwise
 * sends an error status that service-support's error controller answers as problem+json;
 * {@code /userinfo} answers a missing or bad token with 401 problem+json and a Bearer
 * challenge, as every resource server of the platform does.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerSecurity {

	/**
	 * Right after the actuator's chain, which goes first; before the login chain, which
	 * matches every request.
	 */
	@Bean
	@Order(ActuatorSecurityAutoConfiguration.ORDER + 1)
	SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, AuthorizationServerSettings settings,
			OAuth2AuthorizationServerProperties properties) {
		ClientSettings.verify(properties);
		AuthenticationEntryPoint bearer = ProblemSecurityHandlers.bearerEntryPoint();
		http.oauth2AuthorizationServer(server -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(withDefaults())
				.tokenEndpoint(token -> token.accessTokenRequestConverter(new RegisteredScopesByDefault()));
		})
			.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
			// /userinfo takes the access token itself.
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults())
				.authenticationEntryPoint(bearer)
				.accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoints(settings, bearer))
				.accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()));
		return http.build();
	}

	/**
	 * Who is told what when not signed in: a client at the token endpoint gets OAuth's
	 * invalid_client; a browser sent to /oauth2/authorize goes to the login page and
	 * comes back after it (the request is saved in its session); anyone else gets a
	 * Bearer challenge.
	 */
	private static AuthenticationEntryPoint entryPoints(AuthorizationServerSettings settings,
			AuthenticationEntryPoint bearer) {
		return DelegatingAuthenticationEntryPoint.builder()
			.addEntryPointFor(new InvalidClientEntryPoint(), clientEndpoints(settings))
			.addEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers())
			.defaultEntryPoint(bearer)
			.build();
	}

	/** The endpoints only clients call, authenticated by their client credentials. */
	private static RequestMatcher clientEndpoints(AuthorizationServerSettings settings) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return new OrRequestMatcher(paths.matcher(HttpMethod.POST, settings.getTokenEndpoint()),
				paths.matcher(HttpMethod.POST, settings.getTokenIntrospectionEndpoint()),
				paths.matcher(HttpMethod.POST, settings.getTokenRevocationEndpoint()));
	}

	/** Requests that ask for HTML, not merely accept anything. */
	private static MediaTypeRequestMatcher browsers() {
		MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return matcher;
	}

}
