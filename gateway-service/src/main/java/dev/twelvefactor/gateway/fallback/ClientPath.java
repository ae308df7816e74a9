package dev.twelvefactor.gateway.fallback;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Remembers the path the client asked for before any filter runs. A breaker that refuses
 * a call (open, or its bulkhead full) forwards to /fallback before routing recorded the
 * original URL, and a problem's {@code instance} must name what the client called, not
 * /fallback.
 */
final class ClientPath implements GlobalFilter, Ordered {

	static final String ATTRIBUTE = ClientPath.class.getName();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		exchange.getAttributes().putIfAbsent(ATTRIBUTE, exchange.getRequest().getPath().value());
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
