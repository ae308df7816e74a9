package dev.twelvefactor.gateway.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.MDC;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

import java.util.Optional;

/**
 * The trace of the request an exchange answers, from the observation WebFlux started for
 * it: the exchange carries it wherever the gateway writes an answer or a log line, on
 * whichever thread. The logging context (MDC) does not: Reactor restores it in every
 * operator only with automatic context propagation, which cost the gateway more CPU per
 * request than anything else ({@code ./platform bench profile}).
 */
public final class TraceIds {

	/**
	 * Where Micrometer Tracing keeps the ids for the log lines (renamed trace.id, span.id
	 * in JSON).
	 */
	private static final String TRACE_ID_IN_LOGS = "traceId";

	private static final String SPAN_ID_IN_LOGS = "spanId";

	private TraceIds() {
	}

	public static Optional<String> of(ServerWebExchange exchange) {
		return span(exchange).map((span) -> span.context().traceId()).filter((id) -> !id.isBlank());
	}

	/**
	 * Writes a log line about the exchange's request with its trace and span ids, as
	 * every line a service writes for a request has them.
	 */
	public static void log(ServerWebExchange exchange, Runnable statement) {
		Optional<Span> span = span(exchange);
		if (span.isEmpty() || MDC.get(TRACE_ID_IN_LOGS) != null) {
			statement.run();
			return;
		}
		MDC.put(TRACE_ID_IN_LOGS, span.get().context().traceId());
		MDC.put(SPAN_ID_IN_LOGS, span.get().context().spanId());
		try {
			statement.run();
		}
		finally {
			MDC.remove(TRACE_ID_IN_LOGS);
			MDC.remove(SPAN_ID_IN_LOGS);
		}
	}

	private static Optional<Span> span(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> context.<TracingObservationHandler.TracingContext>get(
					TracingObservationHandler.TracingContext.class))
			.map(TracingObservationHandler.TracingContext::getSpan);
	}

}
