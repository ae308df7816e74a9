package dev.twelvefactor.system;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Zipkin's HTTP API (v2), as its UI and Grafana's Zipkin data source read it. */
final class Zipkin {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Http http;

	Zipkin(String url) {
		this.http = new Http(url);
	}

	/** The spans of one trace, in no particular order; none while it is not stored. */
	List<JsonNode> trace(String traceId) {
		HttpResponse<String> answer = http.get("/api/v2/trace/" + traceId);
		List<JsonNode> spans = new ArrayList<>();
		if (answer.statusCode() == 200) {
			JSON.readTree(answer.body()).forEach(spans::add);
		}
		return spans;
	}

	/** The traces with a span tagged {@code key=value}, each a list of its spans. */
	List<List<JsonNode>> tracesTagged(String key, String value) {
		HttpResponse<String> answer = http.get("/api/v2/traces?limit=10&annotationQuery="
				+ URLEncoder.encode(key + "=" + value, StandardCharsets.UTF_8));
		List<List<JsonNode>> traces = new ArrayList<>();
		if (answer.statusCode() == 200) {
			JSON.readTree(answer.body()).forEach(trace -> {
				List<JsonNode> spans = new ArrayList<>();
				trace.forEach(spans::add);
				traces.add(spans);
			});
		}
		return traces;
	}

	/** The services that reported spans of these. */
	static Set<String> services(List<JsonNode> spans) {
		Set<String> services = new TreeSet<>();
		spans.forEach(span -> services.add(span.path("localEndpoint").path("serviceName").asString("")));
		return services;
	}

	/** A trace as a tree, one span a line, with durations: for a failure's message. */
	static String describe(List<JsonNode> spans) {
		StringBuilder text = new StringBuilder();
		spans.stream().filter(span -> !span.has("parentId")).forEach(root -> describe(root, spans, "", text));
		return text.toString();
	}

	private static void describe(JsonNode span, List<JsonNode> spans, String indent, StringBuilder text) {
		text.append("%s%s %s %s %.1f ms%n".formatted(indent, span.path("localEndpoint").path("serviceName").asString(),
				span.path("kind").asString("LOCAL"), span.path("name").asString(),
				span.path("duration").asLong() / 1000.0));
		String id = span.path("id").asString();
		spans.stream()
			.filter(child -> id.equals(child.path("parentId").asString(null)))
			.forEach(child -> describe(child, spans, indent + "  ", text));
	}

}
