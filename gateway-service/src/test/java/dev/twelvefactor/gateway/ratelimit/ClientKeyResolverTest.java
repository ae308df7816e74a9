package dev.twelvefactor.gateway.ratelimit;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

class ClientKeyResolverTest {

	final ClientKeyResolver resolver = new ClientKeyResolver("10[.]0[.]0[.][0-9]+");

	@Test
	void anAuthenticatedRequestCountsAgainstItsTokensSubject() {
		Jwt jwt = Jwt.withTokenValue("token").header("alg", "RS256").subject("load-generator").build();
		MockServerWebExchange exchange = MockServerWebExchange.builder(from("198.51.100.1"))
			.principal(new JwtAuthenticationToken(jwt))
			.build();
		assertThat(resolver.resolve(exchange).block()).isEqualTo("subject load-generator");
	}

	@Test
	void anAnonymousRequestCountsAgainstItsAddress() {
		assertThat(resolver.resolve(MockServerWebExchange.from(from("198.51.100.1"))).block())
			.isEqualTo("address 198.51.100.1");
	}

	@Test
	void fromAnUntrustedPeerXForwardedForIsIgnored() {
		assertThat(resolver.clientAddress(from("198.51.100.1", "203.0.113.9"))).isEqualTo("198.51.100.1");
	}

	@Test
	void behindTrustedProxiesTheClientIsTheRightMostUntrustedHop() {
		// 6.6.6.6 is what the client wrote itself; 203.0.113.7 is what the first proxy
		// saw.
		assertThat(resolver.clientAddress(from("10.0.0.1", "6.6.6.6, 203.0.113.7", "10.0.0.2")))
			.isEqualTo("203.0.113.7");
	}

	@Test
	void withOnlyTrustedProxiesTheFarthestOneIsTheClient() {
		assertThat(resolver.clientAddress(from("10.0.0.1", "10.0.0.3, 10.0.0.2"))).isEqualTo("10.0.0.3");
		assertThat(resolver.clientAddress(from("10.0.0.1"))).isEqualTo("10.0.0.1");
	}

	@Test
	void withoutTrustedProxiesThePeerIsTheClient() {
		assertThat(new ClientKeyResolver("").clientAddress(from("10.0.0.1", "203.0.113.7"))).isEqualTo("10.0.0.1");
	}

	private static MockServerHttpRequest from(String peer, String... forwardedFor) {
		return MockServerHttpRequest.get("/api/inventory/products")
			.remoteAddress(new InetSocketAddress(peer, 40000))
			.header("X-Forwarded-For", forwardedFor)
			.build();
	}

}
