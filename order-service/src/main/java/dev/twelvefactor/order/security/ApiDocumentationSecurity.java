package dev.twelvefactor.order.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Objects;
import java.util.Set;

/**
 * The security of the order API in its OpenAPI document (GET /api/orders/openapi), so
 * that Swagger UI at the gateway offers "Authorize": an OAuth2 authorization code flow
 * (with PKCE, the public client api-explorer) at auth-service's public address, the
 * issuer, and a plain bearer token for a token fetched elsewhere (client credentials).
 * Each operation needs either, with the scope OrderApiSecurity asks for its method.
 */
@Configuration(proxyBeanMethods = false)
// Not in admin processes, which serve nothing (and have no HttpSecurity).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiDocumentationSecurity {

	static final String OAUTH2 = "oauth2";

	static final String BEARER = "bearer";

	private static final Set<PathItem.HttpMethod> READING = Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD);

	@Bean
	OpenApiCustomizer orderApiSecuritySchemes(OAuth2ResourceServerProperties resourceServer) {
		// The issuer is PUBLIC_URL, the address browsers reach auth-service at (through
		// the gateway); read from the resource server's settings, so there is one key.
		String publicUrl = Objects.requireNonNullElse(resourceServer.getJwt().getIssuerUri(), "");
		return openApi -> {
			Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
			openApi.components(
					components
						.addSecuritySchemes(OAUTH2,
								new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
									.description("Sign in at auth-service (authorization code with PKCE)")
									.flows(new OAuthFlows().authorizationCode(new OAuthFlow()
										.authorizationUrl(publicUrl + "/oauth2/authorize")
										.tokenUrl(publicUrl + "/oauth2/token")
										.scopes(new Scopes().addString(OrderApiSecurity.READ, "Read your orders")
											.addString(OrderApiSecurity.WRITE, "Place and cancel your orders")))))
						.addSecuritySchemes(BEARER,
								new SecurityScheme().type(SecurityScheme.Type.HTTP)
									.scheme("bearer")
									.bearerFormat("JWT")
									.description("An access token of auth-service, e.g. from client credentials")));
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				String scope = READING.contains(method) ? OrderApiSecurity.READ : OrderApiSecurity.WRITE;
				operation.addSecurityItem(new SecurityRequirement().addList(OAUTH2, scope))
					.addSecurityItem(new SecurityRequirement().addList(BEARER));
			}));
		};
	}

}
