package dev.twelvefactor.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code Retry} filter, applied only to requests that carry an
 * {@code Idempotency-Key} header (route filter {@code RetryWithIdempotencyKey}, with
 * Retry's arguments). Spring Cloud Gateway's Retry decides by method alone, and a
 * {@code POST} in general must not be sent twice: the first instance may have acted on it
 * before it stopped answering. order-service makes a {@code POST /api/orders} under a key
 * safe to repeat: the key and the order are stored in one transaction, and the same key
 * (with the same body) gets the same order back, from any instance, whether the first
 * attempt finished, is still running, or died. A POST without a key passes through
 * untouched (and order-service refuses it anyway).
 */
public class RetryWithIdempotencyKeyGatewayFilterFactory extends RetryGatewayFilterFactory {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	@Override
	public GatewayFilter apply(RetryConfig config) {
		GatewayFilter retry = super.apply(config);
		return new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return StringUtils.hasText(exchange.getRequest().getHeaders().getFirst(IDEMPOTENCY_KEY))
						? retry.filter(exchange, chain) : chain.filter(exchange);
			}

			@Override
			public String toString() {
				return "RetryWithIdempotencyKey " + retry;
			}

		};
	}

}
