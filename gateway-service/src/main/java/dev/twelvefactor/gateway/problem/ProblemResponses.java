package dev.twelvefactor.gateway.problem;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;

/** Writes RFC 9457 problem+json responses, for every error the gateway itself produces. */
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
    public static ProblemDetail problem(HttpStatusCode status, String title, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(path));
        return problem;
    }

    /** A response builder with the problem's status and content type, for adding headers before the body. */
    public static ServerResponse.BodyBuilder responseFor(ProblemDetail problem) {
        return ServerResponse.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    public Mono<Void> write(ProblemDetail problem, ServerWebExchange exchange) {
        return responseFor(problem).bodyValue(problem).flatMap(response -> response.writeTo(exchange, context));
    }
}
