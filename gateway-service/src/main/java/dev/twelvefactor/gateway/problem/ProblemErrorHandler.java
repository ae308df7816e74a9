package dev.twelvefactor.gateway.problem;

import dev.twelvefactor.gateway.observability.TraceIds;
import dev.twelvefactor.support.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Turns every error the gateway produces by itself (no route: 404, body too large: 413,
 * ...) into problem+json. Runs before Spring Boot's handler (order -1), which would
 * answer with its own JSON error shape.
 */
@Component
@Order(-2)
public class ProblemErrorHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

	private final ProblemResponses problems;

	public ProblemErrorHandler(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(error);
		}
		return problems.write(problemFor(error, exchange), exchange);
	}

	private static Problem problemFor(Throwable error, ServerWebExchange exchange) {
		if (error instanceof ResponseStatusException statusError) {
			HttpStatusCode status = statusError.getStatusCode();
			return ProblemResponses.problem(status, Problem.titleOf(status), detail(statusError, exchange),
					exchange.getRequest().getPath().value());
		}
		TraceIds.log(exchange, () -> log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), error));
		return ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"The gateway failed to handle the request; it has been logged.",
				exchange.getRequest().getPath().value());
	}

	private static String detail(ResponseStatusException error, ServerWebExchange exchange) {
		if (error.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
			return "No public API is at " + exchange.getRequest().getPath()
					+ "; the gateway serves /api/orders/** and /api/inventory/** (explore them at /swagger-ui.html).";
		}
		return (error.getReason() != null) ? error.getReason() : Problem.titleOf(error.getStatusCode());
	}

}
