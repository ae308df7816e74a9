package dev.twelvefactor.gateway.problem;

import dev.twelvefactor.gateway.observability.TraceIds;
import dev.twelvefactor.support.problem.Problem;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Writes RFC 9457 problem+json responses, for every error the gateway itself produces.
 * The problem is built by service-support's {@link Problem}, as in every service; this
 * only writes it with WebFlux.
 */
@Component
public class ProblemResponses {

	private final ServerResponse.Context context;

	public ProblemResponses(ServerCodecConfigurer codecs) {
		this.context = new ServerResponse.Context() {
			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return codecs.getWriters();
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}
		};
	}

	/** A problem whose {@code instance} is the path the client asked for. */
	public static Problem problem(HttpStatusCode status, String title, String detail, String path) {
		return Problem.of(status, title, detail).instance(path);
	}

	/**
	 * The problem with the trace id of the request it answers (service-support's
	 * {@link Problem} takes it from the logging context, which a reactive gateway does
	 * not have on every thread).
	 */
	public static Problem traced(Problem problem, ServerWebExchange exchange) {
		Problem.withTraceId(problem.body(), TraceIds.of(exchange));
		return problem;
	}

	/**
	 * The response: the problem's status, headers (Retry-After) and content type, and the
	 * problem as body.
	 */
	public static Mono<ServerResponse> respond(Problem problem) {
		return ServerResponse.status(problem.status())
			.headers(headers -> headers.addAll(problem.headers()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem.body());
	}

	public Mono<Void> write(Problem problem, ServerWebExchange exchange) {
		return respond(traced(problem, exchange)).flatMap(response -> response.writeTo(exchange, context));
	}

}
