package dev.twelvefactor.gateway.observability;

import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

import java.util.Optional;

/**
 * The trace id of the request an exchange answers, from the observation WebFlux started
 * for it: unlike the logging context (MDC), which Reactor restores only inside its
 * operators, the exchange carries it wherever the gateway writes an answer.
 */
public final class TraceIds {

	private TraceIds() {
	}

	public static Optional<String> of(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> context.<TracingObservationHandler.TracingContext>get(
					TracingObservationHandler.TracingContext.class))
			.map(TracingObservationHandler.TracingContext::getSpan)
			.map((span) -> span.context().traceId())
			.filter((id) -> !id.isBlank());
	}

}
