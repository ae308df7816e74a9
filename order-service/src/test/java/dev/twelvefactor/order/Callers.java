package dev.twelvefactor.order;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.Arrays;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * Who calls the order API in a test: an authenticated JWT with a subject and scopes, as
 * the resource server would have made of a real token (spring-security-test's
 * {@code jwt()}; the real decoding is proven by OrderApiSecurityTest).
 */
public final class Callers {

	private Callers() {
	}

	/** A user who may read and place orders. */
	public static RequestPostProcessor alice() {
		return caller("alice", "orders.read", "orders.write");
	}

	/** Another such user. */
	public static RequestPostProcessor bob() {
		return caller("bob", "orders.read", "orders.write");
	}

	public static RequestPostProcessor caller(String subject, String... scopes) {
		return jwt().jwt(token -> token.subject(subject).claim("scope", String.join(" ", scopes)))
			.authorities(Arrays.stream(scopes)
				.map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope))
				.toArray(GrantedAuthority[]::new));
	}

}
