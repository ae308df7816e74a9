package dev.twelvefactor.auth.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * A token request that names no client it can authenticate (no credentials, or a public
 * client on a grant that needs a secret) answered as RFC 6749 5.2 says: 401 with
 * {@code invalid_client} in OAuth's error JSON and a Basic challenge, as a wrong secret
 * already is. Spring Authorization Server would send a bare 401 without a body.
 */
class InvalidClientEntryPoint implements AuthenticationEntryPoint {

	private final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
		answer.setStatusCode(HttpStatus.UNAUTHORIZED);
		answer.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2\"");
		errors.write(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
						"Client authentication failed: send the client id and secret (HTTP Basic or form).", null),
				null, answer);
	}

}
