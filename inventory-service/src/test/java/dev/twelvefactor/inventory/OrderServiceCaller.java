package dev.twelvefactor.inventory;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * order-service as the caller of the internal reservation API: an authenticated JWT of
 * its client with the scope inventory.reserve (the real decoding is proven by
 * InventoryApiSecurityTest).
 */
public final class OrderServiceCaller {

	private OrderServiceCaller() {
	}

	public static RequestPostProcessor orderService() {
		return jwt().jwt(token -> token.subject("order-service").claim("scope", "inventory.reserve"))
			.authorities(new SimpleGrantedAuthority("SCOPE_inventory.reserve"));
	}

}
