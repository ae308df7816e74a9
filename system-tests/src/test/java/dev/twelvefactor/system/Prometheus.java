package dev.twelvefactor.system;

import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Prometheus's HTTP API, as Grafana uses it. */
final class Prometheus {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Http http;

	Prometheus(String url) {
		this.http = new Http(url);
	}

	/**
	 * The platform's Prometheus; a test that needs it is skipped where it is not
	 * installed, except in CI.
	 */
	static Prometheus of(LocalPlatform platform) {
		if (platform.prometheusUrl().isEmpty()) {
			Tools.requireInCi("prometheus and prometheus-pushgateway (Debian packages)");
		}
		return new Prometheus(platform.prometheusUrl().orElseThrow());
	}

	/**
	 * The result vector of an instant query; fails on a query error, so a typo is never
	 * taken for "no data".
	 */
	List<JsonNode> query(String promql) {
		JsonNode answer = JSON.readTree(http.get("/api/v1/query?query=" + encode(promql)).body());
		if (!"success".equals(answer.path("status").asString())) {
			throw new AssertionError("Query failed: " + promql + " -> " + answer);
		}
		List<JsonNode> result = new ArrayList<>();
		answer.path("data").path("result").forEach(result::add);
		return result;
	}

	/**
	 * The values of a label over the series matching {@code match} (Grafana's
	 * label_values()).
	 */
	List<String> labelValues(String match, String label) {
		JsonNode answer = JSON.readTree(http.get("/api/v1/series?match[]=" + encode(match)).body());
		List<String> values = new ArrayList<>();
		answer.path("data").forEach(series -> {
			String value = series.path(label).asString("");
			if (!value.isEmpty() && !values.contains(value)) {
				values.add(value);
			}
		});
		return values;
	}

	/**
	 * The exemplars of the series an expression selects, over the last ten minutes: the
	 * labels (trace_id, span_id) of each, as Grafana shows them beside a latency panel.
	 */
	List<JsonNode> exemplars(String promql) {
		long now = System.currentTimeMillis() / 1000;
		JsonNode answer = JSON.readTree(
				http.get("/api/v1/query_exemplars?query=" + encode(promql) + "&start=" + (now - 600) + "&end=" + now)
					.body());
		if (!"success".equals(answer.path("status").asString())) {
			throw new AssertionError("Exemplar query failed: " + promql + " -> " + answer);
		}
		List<JsonNode> exemplars = new ArrayList<>();
		answer.path("data").forEach(series -> series.path("exemplars").forEach(exemplars::add));
		return exemplars;
	}

	/** Alerts that are pending or firing now, by name. */
	List<String> activeAlerts() {
		List<String> names = new ArrayList<>();
		JSON.readTree(http.get("/api/v1/alerts").body())
			.path("data")
			.path("alerts")
			.forEach(alert -> names
				.add(alert.path("labels").path("alertname").asString() + ":" + alert.path("state").asString()));
		return names;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
