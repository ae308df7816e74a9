package dev.twelvefactor.gateway.problem;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose declared body is larger than {@code gateway.max-request-size}
 * with 413 problem+json, before it is routed (Spring Cloud Gateway's RequestSize filter
 * answers with an empty body). Bodies sent without a length are limited by each service
 * itself.
 */
@Component
public class RequestSizeLimit implements GlobalFilter, Ordered {

	private final DataSize maxRequestSize;

	public RequestSizeLimit(GatewayProperties limits) {
		this.maxRequestSize = limits.maxRequestSize();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
		if (length > maxRequestSize.toBytes()) {
			return Mono.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "The request body has " + length
					+ " bytes; at most " + maxRequestSize.toBytes() + " are accepted."));
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
