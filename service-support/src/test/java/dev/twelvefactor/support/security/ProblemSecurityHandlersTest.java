package dev.twelvefactor.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemSecurityHandlersTest {

	final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders/42");

	final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void basicChallengeNamesTheRealm() throws Exception {
		ProblemSecurityHandlers.basicEntryPoint("eureka")
			.commence(request, response, new InsufficientAuthenticationException("anonymous"));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"eureka\"");
		JsonNode problem = problem();
		assertThat(problem.path("title").asString()).isEqualTo("Unauthorized");
		assertThat(problem.path("instance").asString()).isEqualTo("/api/orders/42");
		assertThat(problem.path("detail").asString()).isEqualTo("This needs HTTP Basic credentials (realm eureka).");
	}

	@Test
	void basicSaysWhenThePasswordIsWrong() throws Exception {
		ProblemSecurityHandlers.basicEntryPoint("config").commence(request, response, new BadCredentialsException("x"));

		assertThat(problem().path("detail").asString()).isEqualTo("The user name or password is not right.");
	}

	@Test
	void withoutATokenTheBearerChallengeAsksForOne() throws Exception {
		ProblemSecurityHandlers.bearerEntryPoint()
			.commence(request, response, new InsufficientAuthenticationException("anonymous"));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).doesNotContain("error=");
		assertThat(problem().path("detail").asString()).isEqualTo("A bearer token is required.");
		assertThat(problem().path("status").asInt()).isEqualTo(401);
	}

	@Test
	void anExpiredTokenIsCalledSo() throws Exception {
		JwtValidationException expired = new JwtValidationException("expired",
				List.of(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "Jwt expired at 2026-01-01T00:00:00Z", null)));

		ProblemSecurityHandlers.bearerEntryPoint()
			.commence(request, response, new InvalidBearerTokenException(expired.getMessage(), expired));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer")
			.contains("error=\"invalid_token\"");
		assertThat(problem().path("detail").asString()).isEqualTo("The token has expired.");
	}

	@Test
	void aTokenForAnotherAudienceSaysWhy() throws Exception {
		JwtValidationException foreign = new JwtValidationException("aud",
				List.of(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The aud claim is not valid", null)));

		ProblemSecurityHandlers.bearerEntryPoint()
			.commence(request, response, new InvalidBearerTokenException(foreign.getMessage(), foreign));

		assertThat(problem().path("detail").asString())
			.isEqualTo("The token is not valid: The aud claim is not valid.");
	}

	@Test
	void aMalformedRequestKeepsTheStatusSpringGivesIt() throws Exception {
		ProblemSecurityHandlers.bearerEntryPoint()
			.commence(request, response, new OAuth2AuthenticationException(
					BearerTokenErrors.invalidRequest("Found multiple bearer tokens in the request")));

		assertThat(response.getStatus()).isEqualTo(400);
		JsonNode problem = problem();
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.path("detail").asString())
			.isEqualTo("The token is not valid: Found multiple bearer tokens in the request.");
	}

	@Test
	void aTokenWithoutTheScopeIsToldWhichScope() throws Exception {
		Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("platform-cli").build();
		request
			.setUserPrincipal(new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList("SCOPE_orders.read")));

		ProblemSecurityHandlers.accessDeniedHandler()
			.handle(request, response,
					new AuthorizationDeniedException("Access Denied", new AuthorityAuthorizationDecision(false,
							AuthorityUtils.createAuthorityList("SCOPE_orders.write"))));

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer")
			.contains("error=\"insufficient_scope\"");
		assertThat(problem().path("detail").asString()).isEqualTo("This needs scope orders.write.");
		assertThat(problem().path("title").asString()).isEqualTo("Forbidden");
	}

	@Test
	void aBasicUserWithoutTheRoleGetsNoBearerChallenge() throws Exception {
		request.setUserPrincipal(UsernamePasswordAuthenticationToken.authenticated("monitoring", null,
				AuthorityUtils.createAuthorityList("ROLE_MONITORING")));

		ProblemSecurityHandlers.accessDeniedHandler()
			.handle(request, response,
					new AuthorizationDeniedException("Access Denied", new AuthorityAuthorizationDecision(false,
							AuthorityUtils.createAuthorityList("ROLE_MONITORING", "ROLE_ADMIN"))));

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isNull();
		assertThat(problem().path("detail").asString()).isEqualTo("This needs one of the roles MONITORING, ADMIN.");
	}

	@Test
	void aMissingCsrfTokenIsNamed() throws Exception {
		ProblemSecurityHandlers.accessDeniedHandler().handle(request, response, new MissingCsrfTokenException(null));

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(problem().path("detail").asString()).isEqualTo("This request needs a valid CSRF token.");
	}

	private JsonNode problem() throws Exception {
		assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		return JsonMapper.shared().readTree(response.getContentAsString());
	}

}
