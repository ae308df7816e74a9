package dev.twelvefactor.order.security;

import dev.twelvefactor.support.security.ResourceServerSecurity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The main port's rules, the gateway's again (defence in depth: a request that reaches an
 * instance some other way is checked all the same). Reading orders needs
 * {@code orders.read}, changing them {@code orders.write}; the OpenAPI document is
 * public; anything else needs a valid token. Which orders a caller sees is the
 * controller's business (its token's subject). The management port has service-support's
 * own chain.
 */
@Configuration(proxyBeanMethods = false)
// Not in admin processes, which serve nothing (and have no HttpSecurity).
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OrderApiSecurity {

	static final String READ = "orders.read";

	static final String WRITE = "orders.write";

	private static final String[] ORDERS = { "/api/orders", "/api/orders/**" };

	/** springdoc's document, its YAML form and its per-group documents. */
	private static final String[] OPENAPI = { "/api/orders/openapi", "/api/orders/openapi.yaml",
			"/api/orders/openapi/**" };

	@Bean
	SecurityFilterChain orderApi(HttpSecurity http) throws Exception {
		ResourceServerSecurity.apply(http)
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, OPENAPI)
				.permitAll()
				.requestMatchers(HttpMethod.HEAD, OPENAPI)
				.permitAll()
				.requestMatchers(HttpMethod.GET, ORDERS)
				.hasAuthority("SCOPE_" + READ)
				.requestMatchers(HttpMethod.HEAD, ORDERS)
				.hasAuthority("SCOPE_" + READ)
				.requestMatchers(HttpMethod.POST, ORDERS)
				.hasAuthority("SCOPE_" + WRITE)
				.requestMatchers(HttpMethod.PUT, ORDERS)
				.hasAuthority("SCOPE_" + WRITE)
				.requestMatchers(HttpMethod.PATCH, ORDERS)
				.hasAuthority("SCOPE_" + WRITE)
				.requestMatchers(HttpMethod.DELETE, ORDERS)
				.hasAuthority("SCOPE_" + WRITE)
				.anyRequest()
				.authenticated());
		return http.build();
	}

}
