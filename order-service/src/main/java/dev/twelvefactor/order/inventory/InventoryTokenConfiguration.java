package dev.twelvefactor.order.inventory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * order-service's access token for inventory-service: a client_credentials token of the
 * client {@code order-service} with the scope {@code inventory.reserve}, registered as
 * {@code spring.security.oauth2.client.registration.inventory} (config-repo). Fetched
 * from auth-service when first needed, never at startup, and kept until shortly before it
 * expires (Spring Security's clock skew, 60 s) by the authorized client service, in
 * memory: each instance asks for a token every few minutes, not for every call.
 * <p>
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager}, not the default manager
 * that keeps tokens in the HTTP session: the reconciler calls inventory-service from a
 * scheduler thread, outside any web request, and the admin task from a process that
 * serves none.
 */
@Configuration(proxyBeanMethods = false)
class InventoryTokenConfiguration {

	/** The client registration in config-repo/order-service.yml. */
	static final String REGISTRATION_ID = "inventory";

	/**
	 * Whose token it is: order-service itself, whichever user's request or which thread
	 * calls. One token is shared by every caller of the instance; a token per signed-in
	 * user would ask auth-service once for each of them.
	 */
	static final Authentication SERVICE = new AnonymousAuthenticationToken("order-service", "order-service",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	@Bean
	OAuth2AuthorizedClientManager inventoryTokens(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientService authorizedClients, RestClient.Builder builder,
			InventoryClientProperties settings) {
		RestClientClientCredentialsTokenResponseClient tokenEndpoint = new RestClientClientCredentialsTokenResponseClient();
		tokenEndpoint.setRestClient(tokenRestClient(builder, settings));
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials(clientCredentials -> clientCredentials.accessTokenResponseClient(tokenEndpoint))
			.build());
		return manager;
	}

	/**
	 * The token request goes straight to the registration's token-uri (AUTH_URL, an
	 * address, not a service name): this client has no load balancer. Its own read
	 * timeout ({@code inventory-client.token-timeout}): auth-service hashes the client
	 * secret, slower than a reservation; Spring Security's default client would wait for
	 * auth-service without limit. The converters and error handler are those of Spring
	 * Security's own default client.
	 */
	private static RestClient tokenRestClient(RestClient.Builder builder, InventoryClientProperties settings) {
		return builder
			.requestFactory(
					InventoryClientConfiguration.requestFactory(settings.connectTimeout(), settings.tokenTimeout()))
			.messageConverters(converters -> {
				converters.clear();
				converters.add(new FormHttpMessageConverter());
				converters.add(new StringHttpMessageConverter());
				converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
			})
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

}
