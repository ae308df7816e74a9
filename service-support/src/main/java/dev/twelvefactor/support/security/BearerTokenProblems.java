package dev.twelvefactor.support.security;

import dev.twelvefactor.support.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The bearer-token half of {@link ProblemSecurityHandlers}, in a class of its own: it is
 * loaded only where spring-security-oauth2-resource-server is on the class path.
 */
final class BearerTokenProblems {

	private static final BearerTokenAuthenticationEntryPoint CHALLENGE = new BearerTokenAuthenticationEntryPoint();

	private static final BearerTokenAccessDeniedHandler INSUFFICIENT_SCOPE = new BearerTokenAccessDeniedHandler();

	private BearerTokenProblems() {
	}

	/** Spring's challenge (header and status, RFC 6750), then the problem body. */
	static final class EntryPoint implements AuthenticationEntryPoint {

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) throws IOException {
			CHALLENGE.commence(request, response, exception);
			HttpStatusCode status = HttpStatusCode.valueOf(response.getStatus());
			ProblemSecurityHandlers.write(request, response,
					Problem.of(status, Problem.titleOf(status), detail(exception)));
		}

	}

	/**
	 * {@code WWW-Authenticate: Bearer error="insufficient_scope", ...} when the caller
	 * authenticated with a token; nothing for other callers (HTTP Basic users).
	 */
	static void challengeInsufficientScope(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException exception) {
		if (request.getUserPrincipal() instanceof AbstractOAuth2TokenAuthenticationToken<?>) {
			INSUFFICIENT_SCOPE.handle(request, response, exception);
		}
	}

	static String detail(AuthenticationException exception) {
		if (!(exception instanceof OAuth2AuthenticationException oauth2)) {
			// No token at all: the request reached a rule that needs one.
			return "A bearer token is required.";
		}
		List<String> reasons = validationErrors(exception);
		if (reasons.stream().anyMatch(reason -> reason.startsWith("Jwt expired"))) {
			return "The token has expired.";
		}
		if (reasons.stream().anyMatch(reason -> reason.startsWith("Jwt used before"))) {
			return "The token is not valid yet.";
		}
		if (!reasons.isEmpty()) {
			return "The token is not valid: " + String.join("; ", reasons) + ".";
		}
		OAuth2Error error = oauth2.getError();
		String description = (error.getDescription() != null) ? error.getDescription() : error.getErrorCode();
		return "The token is not valid: " + description + ".";
	}

	/**
	 * What the token validators found (expiry, issuer, audience), which the exception
	 * carries as its cause.
	 */
	private static List<String> validationErrors(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof JwtValidationException invalid) {
				return invalid.getErrors().stream().map(OAuth2Error::getDescription).filter(Objects::nonNull).toList();
			}
		}
		return List.of();
	}

}
