package dev.twelvefactor.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanExportingPredicate;

/**
 * Sends the trace store the spans of client requests, and none of the calls that no
 * request made: a client span without a parent is such a call (the Eureka client's
 * heartbeats and registry fetches, the ejection probe's liveness checks, a background
 * token refresh, the SQL of a scheduled tick), and a server span of an actuator endpoint
 * is a health probe or a Prometheus scrape. Each would be a trace of its own, every few
 * seconds per instance, burying the requests' traces; their metrics are kept, as this
 * only decides what is exported.
 */
final class RequestSpansOnly implements SpanExportingPredicate {

	/** The path of a server span (Spring's high-cardinality key for the request URI). */
	static final String PATH_TAG = "http.url";

	@Override
	public boolean isExportable(FinishedSpan span) {
		if (span.getParentId() == null && span.getKind() == Span.Kind.CLIENT) {
			return false;
		}
		String path = span.getTags().get(PATH_TAG);
		return span.getKind() != Span.Kind.SERVER || path == null || !path.startsWith("/actuator");
	}

}
