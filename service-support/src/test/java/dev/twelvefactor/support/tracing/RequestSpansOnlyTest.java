package dev.twelvefactor.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.exporter.FinishedSpan;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class RequestSpansOnlyTest {

	private final RequestSpansOnly predicate = new RequestSpansOnly();

	@Test
	void exportsTheSpansOfARequest() {
		assertThat(predicate.isExportable(span(Span.Kind.SERVER, null, "/api/orders"))).isTrue();
		assertThat(predicate.isExportable(span(Span.Kind.CLIENT, "a1", null))).as("a call the request made").isTrue();
		assertThat(predicate.isExportable(span(null, "a1", null))).as("its SQL, its own work").isTrue();
	}

	@Test
	void dropsCallsNoRequestMadeAndTheActuatorsRequests() {
		assertThat(predicate.isExportable(span(Span.Kind.CLIENT, null, null)))
			.as("a heartbeat, a registry fetch, a probe")
			.isFalse();
		assertThat(predicate.isExportable(span(Span.Kind.SERVER, null, "/actuator/prometheus"))).as("a scrape")
			.isFalse();
		assertThat(predicate.isExportable(span(Span.Kind.SERVER, null, "/actuator/health/readiness"))).as("a probe")
			.isFalse();
	}

	private static FinishedSpan span(Span.Kind kind, String parentId, String path) {
		FinishedSpan span = mock(FinishedSpan.class);
		given(span.getKind()).willReturn(kind);
		given(span.getParentId()).willReturn(parentId);
		given(span.getTags()).willReturn((path != null) ? Map.of(RequestSpansOnly.PATH_TAG, path) : Map.of());
		return span;
	}

}
