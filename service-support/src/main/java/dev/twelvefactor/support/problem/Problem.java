package dev.twelvefactor.support.problem;

import org.slf4j.MDC;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one way the platform builds an RFC 9457 problem ({@code application/problem+json}),
 * whichever layer answers: a controller, a filter, Tomcat's own error report, the
 * gateway. It is Spring's {@link ProblemDetail} plus the headers that go with it
 * (Retry-After), so Spring MVC and WebFlux write it as they write any other problem, and
 * the layers below them, which have no message converters, get the same members from
 * {@link #toJson()}. <pre>{@code
 * throw Problem.of(HttpStatus.NOT_FOUND, "Order not found", "No order has id " + id + ".").toException();
 * }</pre>
 */
public final class Problem {

	/**
	 * The extension member that names the trace of the request a problem answers: a
	 * client that reports a problem hands over the id that finds its trace and its log
	 * lines.
	 */
	public static final String TRACE_ID = "traceId";

	/** Where Micrometer Tracing puts the current trace id for the log lines (MDC). */
	private static final String TRACE_ID_IN_LOGS = "traceId";

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private final ProblemDetail body;

	private final HttpHeaders headers = new HttpHeaders();

	private Problem(HttpStatusCode status, String title, String detail) {
		this.body = ProblemDetail.forStatusAndDetail(status, detail);
		// Spring leaves "type" out (it means about:blank, RFC 9457 4.2.1);
		// written out, every layer's problem has the same members, and
		// clients that read "type" find it.
		body.setType(ABOUT_BLANK);
		body.setTitle(title);
		withTraceId(body, currentTraceId());
	}

	/**
	 * Adds the trace id to a problem that has none yet: every layer's problems get it
	 * this one way, whichever way that layer learns the id of its request.
	 */
	public static ProblemDetail withTraceId(ProblemDetail problem, Optional<String> traceId) {
		Map<String, Object> members = problem.getProperties();
		if (members == null || !members.containsKey(TRACE_ID)) {
			traceId.ifPresent((id) -> problem.setProperty(TRACE_ID, id));
		}
		return problem;
	}

	/**
	 * The trace id of the request this thread is answering, the one its log lines carry:
	 * while a span is in scope, Micrometer Tracing keeps it in the logging context. Empty
	 * where nothing is traced.
	 */
	public static Optional<String> currentTraceId() {
		return Optional.ofNullable(MDC.get(TRACE_ID_IN_LOGS)).filter((id) -> !id.isBlank());
	}

	/**
	 * The title of a problem that is no more than its status: the reason phrase, or
	 * {@code HTTP n} for a status without one.
	 */
	public static String titleOf(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "HTTP " + status.value();
	}

	/**
	 * A problem of type {@code about:blank}: the status and title say what happened, the
	 * detail says it for this request.
	 */
	public static Problem of(HttpStatusCode status, String title, String detail) {
		return new Problem(status, title, detail);
	}

	/**
	 * A URI that names the problem type, for problems that are more than their status
	 * code.
	 */
	public Problem type(URI type) {
		body.setType(type);
		return this;
	}

	/**
	 * The path the client asked for. Left out when it is no valid URI reference (a
	 * malformed request's path): a problem about a bad path must not fail on that path.
	 */
	public Problem instance(String path) {
		try {
			body.setInstance(URI.create(path));
		}
		catch (IllegalArgumentException | NullPointerException invalid) {
			body.setInstance(null);
		}
		return this;
	}

	/**
	 * An extension member, written beside the standard ones (for example the SKUs a
	 * problem is about).
	 */
	public Problem with(String name, Object value) {
		body.setProperty(name, value);
		return this;
	}

	/**
	 * For a temporary condition: when the client may try again (in whole seconds, at
	 * least one).
	 */
	public Problem retryAfter(Duration delay) {
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, delay.toSeconds())));
		return this;
	}

	public HttpStatusCode status() {
		return HttpStatusCode.valueOf(body.getStatus());
	}

	/**
	 * The body, for Spring's message converters (which write its extension members at the
	 * top level).
	 */
	public ProblemDetail body() {
		return body;
	}

	/** The headers that go with the problem (Retry-After), without the content type. */
	public HttpHeaders headers() {
		return HttpHeaders.readOnlyHttpHeaders(headers);
	}

	/**
	 * To throw from a controller or service: Spring MVC answers with the problem and its
	 * headers.
	 */
	public ErrorResponseException toException() {
		ErrorResponseException exception = new ErrorResponseException(status(), body, null);
		headers.forEach((name, values) -> exception.getHeaders().put(name, values));
		return exception;
	}

	/** To return from a handler method. */
	public ResponseEntity<ProblemDetail> toResponseEntity() {
		return ResponseEntity.status(status())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(body);
	}

	/**
	 * The members in RFC 9457 order, extension members last, as they appear on the wire.
	 */
	public Map<String, Object> members() {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("type", body.getType().toString());
		members.put("title", body.getTitle());
		members.put("status", body.getStatus());
		members.put("detail", body.getDetail());
		if (body.getInstance() != null) {
			members.put("instance", body.getInstance().toString());
		}
		if (body.getProperties() != null) {
			members.putAll(body.getProperties());
		}
		return members;
	}

	/**
	 * The body as JSON, for layers without Spring's message converters (a servlet filter,
	 * Tomcat's error report).
	 */
	public String toJson() {
		return JsonMapper.shared().writeValueAsString(members());
	}

}
