package dev.twelvefactor.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whom a request counts against: the subject of its access token when it has one (a
 * client or user keeps one limit from whatever address), else the client's address.
 * Behind a trusted proxy ({@code spring.cloud.gateway.server.webflux.trusted-proxies})
 * the client's address is the right-most {@code X-Forwarded-For} entry that is not itself
 * a trusted proxy; the entries left of it are whatever the client wrote. From anyone else
 * {@code X-Forwarded-For} is ignored: a client could otherwise take a fresh key, and a
 * fresh bucket, with every request.
 */
public final class ClientKeyResolver implements KeyResolver {

	private static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private final TrustedProxies trustedProxies;

	/**
	 * @param trustedProxies regular expression of the proxies' addresses; empty or null:
	 * none is trusted
	 */
	public ClientKeyResolver(String trustedProxies) {
		this.trustedProxies = StringUtils.hasText(trustedProxies) ? TrustedProxies.from(trustedProxies)
				: (address) -> false;
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((token) -> "subject " + token.getName())
			.switchIfEmpty(Mono.fromSupplier(() -> "address " + clientAddress(exchange.getRequest())));
	}

	String clientAddress(ServerHttpRequest request) {
		String address = peerAddress(request.getRemoteAddress());
		if (!trustedProxies.isTrusted(address)) {
			return address;
		}
		List<String> hops = request.getHeaders().getValuesAsList(X_FORWARDED_FOR);
		for (int i = hops.size() - 1; i >= 0; i--) {
			address = hops.get(i);
			if (!trustedProxies.isTrusted(address)) {
				return address;
			}
		}
		// Only trusted proxies on the way: the request started at the farthest of them.
		return address;
	}

	private static String peerAddress(InetSocketAddress peer) {
		if (peer == null) {
			return "unknown";
		}
		return (peer.getAddress() != null) ? peer.getAddress().getHostAddress() : peer.getHostString();
	}

}
