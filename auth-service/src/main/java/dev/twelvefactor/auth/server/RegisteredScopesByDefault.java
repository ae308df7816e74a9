package dev.twelvefactor.auth.server;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client_credentials request without a {@code scope} parameter gets the scopes
 * registered for the client. Spring Authorization Server would issue a token with no
 * scope at all, which every resource server then refuses with 403; RFC 6749 3.3 lets the
 * server apply a default instead, and each client is registered with only the scopes it
 * needs. A request that names scopes gets exactly those (or invalid_scope).
 */
class RegisteredScopesByDefault implements AuthenticationConverter {

	private final AuthenticationConverter clientCredentials = new OAuth2ClientCredentialsAuthenticationConverter();

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication converted = clientCredentials.convert(request);
		if (converted instanceof OAuth2ClientCredentialsAuthenticationToken tokenRequest
				&& tokenRequest.getScopes().isEmpty()
				&& tokenRequest.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& client.getRegisteredClient() != null) {
			return new OAuth2ClientCredentialsAuthenticationToken(client, client.getRegisteredClient().getScopes(),
					tokenRequest.getAdditionalParameters());
		}
		return converted;
	}

}
