package dev.twelvefactor.inventory.security;

import dev.twelvefactor.support.security.ResourceServerSecurity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The main port's rules. The catalogue is public, as at the gateway. The reservation API
 * under /internal is not routed by the gateway at all, but other callers inside the
 * network could reach an instance directly: it needs {@code inventory.reserve}, a scope
 * only order-service's client is given, so a user's token (even one that may place
 * orders) cannot reserve or release stock. Anything else needs a valid token. The
 * management port has service-support's own chain. Public for the web slice tests, which
 * import it.
 */
@Configuration(proxyBeanMethods = false)
// Not in admin processes, which serve nothing (and have no HttpSecurity).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class InventoryApiSecurity {

	static final String RESERVE = "inventory.reserve";

	private static final String[] CATALOGUE = { "/api/inventory/products", "/api/inventory/products/**" };

	/** springdoc's document, its YAML form and its per-group documents. */
	private static final String[] OPENAPI = { "/api/inventory/openapi", "/api/inventory/openapi.yaml",
			"/api/inventory/openapi/**" };

	@Bean
	SecurityFilterChain inventoryApi(HttpSecurity http) throws Exception {
		ResourceServerSecurity.apply(http)
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, CATALOGUE)
				.permitAll()
				.requestMatchers(HttpMethod.HEAD, CATALOGUE)
				.permitAll()
				.requestMatchers(HttpMethod.GET, OPENAPI)
				.permitAll()
				.requestMatchers(HttpMethod.HEAD, OPENAPI)
				.permitAll()
				.requestMatchers("/internal/**")
				.hasAuthority("SCOPE_" + RESERVE)
				.anyRequest()
				.authenticated());
		return http.build();
	}

}
