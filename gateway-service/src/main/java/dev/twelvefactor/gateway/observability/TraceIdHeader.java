package dev.twelvefactor.gateway.observability;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Every answer of the gateway names its trace in {@value #HEADER}, whatever answered it
 * (a service, a refusal, a fallback, security): a client that reports a slow or failed
 * request hands over the id that finds its trace in the trace store and its log lines in
 * every service. Set before anything else runs, so that no answer leaves without it.
 */
@Component
public class TraceIdHeader implements WebFilter, Ordered {

	public static final String HEADER = "X-Trace-Id";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		TraceIds.of(exchange).ifPresent((id) -> exchange.getResponse().getHeaders().set(HEADER, id));
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
