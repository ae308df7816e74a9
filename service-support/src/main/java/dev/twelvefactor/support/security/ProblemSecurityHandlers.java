package dev.twelvefactor.support.security;

import dev.twelvefactor.support.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.util.ClassUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Spring Security's answers as RFC 9457 problems: 401 when credentials are missing or
 * wrong, 403 when they are not enough. Each writes the challenge header that goes with it
 * and a body made by {@link Problem}, whose {@code detail} says what to do.
 * <ul>
 * <li>{@link #bearerEntryPoint()}: 401 for bearer-token APIs; the
 * {@code WWW-Authenticate: Bearer ...} header (and the status: 400 for a malformed
 * request) come from Spring's {@code BearerTokenAuthenticationEntryPoint}.</li>
 * <li>{@link #basicEntryPoint(String)}: 401 with
 * {@code WWW-Authenticate: Basic realm="..."}, for the control plane's HTTP Basic
 * users.</li>
 * <li>{@link #accessDeniedHandler()}: 403; for a bearer token also
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"}, as Spring's
 * {@code BearerTokenAccessDeniedHandler} writes it.</li>
 * </ul>
 * Set them both on {@code exceptionHandling} and on the authentication mechanism
 * ({@code httpBasic}, {@code oauth2ResourceServer}): the first answers anonymous
 * requests, the second wrong credentials.
 */
public final class ProblemSecurityHandlers {

	/**
	 * The resource-server classes are optional: only services that accept bearer tokens
	 * have them.
	 */
	private static final boolean BEARER_TOKENS = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler",
			ProblemSecurityHandlers.class.getClassLoader());

	private ProblemSecurityHandlers() {
	}

	/**
	 * 401 for an API that takes bearer tokens: no token, or one that is expired, forged
	 * or meant for someone else. Needs spring-security-oauth2-resource-server.
	 * @return the entry point
	 */
	public static AuthenticationEntryPoint bearerEntryPoint() {
		return new BearerTokenProblems.EntryPoint();
	}

	/**
	 * 401 with {@code WWW-Authenticate: Basic realm="<realm>"}.
	 * @param realm the protection space, named in the challenge (e.g. {@code eureka})
	 * @return the entry point
	 */
	public static AuthenticationEntryPoint basicEntryPoint(String realm) {
		String challenge = "Basic realm=\"" + realm + "\"";
		return (request, response, exception) -> {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
			String detail = (exception instanceof BadCredentialsException) ? "The user name or password is not right."
					: "This needs HTTP Basic credentials (realm " + realm + ").";
			write(request, response, Problem.of(HttpStatus.UNAUTHORIZED, "Unauthorized", detail));
		};
	}

	/**
	 * 403: the caller is known, but its roles or scopes do not allow the request.
	 * @return the handler
	 */
	public static AccessDeniedHandler accessDeniedHandler() {
		return (request, response, exception) -> {
			if (BEARER_TOKENS) {
				BearerTokenProblems.challengeInsufficientScope(request, response, exception);
			}
			write(request, response, Problem.of(HttpStatus.FORBIDDEN, "Forbidden", deniedDetail(exception)));
		};
	}

	/**
	 * The detail of a 403: what was missing, when the authorization rule tells: a scope
	 * ({@code hasAuthority("SCOPE_orders.write")}) or a role ({@code hasRole("ADMIN")}).
	 * Public for the gateway's reactive handlers, which say the same.
	 * @param exception why access was denied
	 * @return a sentence for the problem's {@code detail}
	 */
	public static String deniedDetail(AccessDeniedException exception) {
		if (exception instanceof CsrfException) {
			return "This request needs a valid CSRF token.";
		}
		if (exception instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
			List<String> scopes = named(decision.getAuthorities(), "SCOPE_");
			if (!scopes.isEmpty()) {
				return "This needs " + oneOf("scope", scopes) + ".";
			}
			List<String> roles = named(decision.getAuthorities(), "ROLE_");
			if (!roles.isEmpty()) {
				return "This needs " + oneOf("role", roles) + ".";
			}
		}
		return "These credentials do not allow this request.";
	}

	private static List<String> named(Collection<GrantedAuthority> authorities, String prefix) {
		return authorities.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority != null && authority.startsWith(prefix))
			.map(authority -> authority.substring(prefix.length()))
			.toList();
	}

	private static String oneOf(String kind, List<String> names) {
		return (names.size() == 1) ? kind + " " + names.getFirst()
				: "one of the " + kind + "s " + String.join(", ", names);
	}

	/**
	 * Writes the body itself: these answers come from a filter, before Spring MVC and its
	 * message converters.
	 */
	static void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
		problem.instance(request.getRequestURI());
		response.setStatus(problem.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(problem.toJson());
	}

	/**
	 * The detail of a 401 for the exception Spring reports; public for the gateway's
	 * reactive handlers, which say the same.
	 * @param exception why authentication failed
	 * @return a sentence for the problem's {@code detail}
	 */
	public static String bearerDetail(AuthenticationException exception) {
		return BEARER_TOKENS ? BearerTokenProblems.detail(exception) : "A bearer token is required.";
	}

}
