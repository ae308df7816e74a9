package dev.twelvefactor.system;

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
