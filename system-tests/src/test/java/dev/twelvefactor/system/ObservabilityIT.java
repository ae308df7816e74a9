package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.admin.AdminRun;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's promise: a person opens Grafana and sees each factor at work. Grafana is
 * not available here, so this test does what Grafana would: it evaluates every query of
 * every panel of every dashboard against the platform's real Prometheus, after driving
 * the events the factors show, and fails on any empty panel.
 */
@ExtendWith(SharedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

	static final Path HOME = Path.of(System.getProperty("platform.home", "..")).toAbsolutePath().normalize();
	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The data source an Explore link opens (its pane's "datasource"). */
	static final Pattern LINKED_DATA_SOURCE = Pattern.compile("\"datasource\":\"([\\w-]+)\"");

	/** The uids of grafana/provisioning/datasources, the data sources Grafana has. */
	static final List<String> PROVISIONED_DATA_SOURCES = provisionedDataSources();

	@Test
	@Order(1)
	void aSettingChangedInConfigRepoIsLiveInEveryInstanceAfterARefresh(LocalPlatform platform) throws IOException {
		Http gateway = Callers.gateway(platform);
		Prometheus prometheus = prometheus(platform);
		String threeLines = "{\"lines\":[{\"sku\":\"KB-001\",\"quantity\":1},{\"sku\":\"MS-002\",\"quantity\":1},{\"sku\":\"HS-004\",\"quantity\":1}]}";
		assertThat(gateway.placeOrder(threeLines).statusCode()).isEqualTo(201);
		// Right after the start, Prometheus may not have scraped everything yet.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !runningRevision(prometheus, "order-service").isEmpty()
					&& runningRevision(prometheus, "order-service").equals(servedRevision(prometheus)));
		String revisionBefore = runningRevision(prometheus, "order-service");
		Path settings = platform.options().configRepo().resolve("order-service.yml");
		String original = Files.readString(settings);
		try {
			Files.writeString(settings, original.replace("max-lines: 50", "max-lines: 2"));
			await().atMost(Duration.ofSeconds(15)).until(() -> !servedRevision(prometheus).equals(revisionBefore));

			AdminRun refresh = platform.runAdminTask(Service.CONFIG, List.of("refresh-all"));
			assertThat(refresh.exitCode()).as(refresh.output()).isZero();

			var refused = gateway.placeOrder(threeLines);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
			assertThat(refused.body()).contains("at most 2 lines");
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(runningRevision(prometheus, "order-service"))
					.isEqualTo(servedRevision(prometheus))
					.isNotEqualTo(revisionBefore));
			assertThat(prometheus.query("platform_config_refreshes_total{application=\"order-service\"} > 0"))
				.isNotEmpty();
		}
		finally {
			Files.writeString(settings, original);
			await().atMost(Duration.ofSeconds(15)).until(() -> servedRevision(prometheus).equals(revisionBefore));
			AdminRun restore = platform.runAdminTask(Service.CONFIG, List.of("refresh-all"));
			assertThat(restore.exitCode()).as(restore.output()).isZero();
		}
		assertThat(gateway.placeOrder(threeLines).statusCode()).isEqualTo(201);
	}

	@Test
	@Order(2)
	void aHungInventoryServiceOpensTheBreakerAndSetsOffItsAlert(LocalPlatform platform) throws Exception {
		Http gateway = Callers.gateway(platform);
		Prometheus prometheus = prometheus(platform);
		ServiceInstance inventory = platform.instance(Service.INVENTORY);
		// The breaker counts what says the whole service fails: answers that do not come
		// in time. A dead instance does not (its refused connections are fast and
		// handled by ejection), a hung one, the only one, does.
		platform.faults().freeze(inventory);
		try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 12; i++) {
				clients.submit(() -> gateway.get("/api/inventory/products"));
			}
			await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				clients.submit(() -> gateway.get("/api/inventory/products"));
				assertThat(prometheus.activeAlerts()).anyMatch(alert -> alert.startsWith("CircuitBreakerNotClosed:"));
			});
		}
		finally {
			platform.faults().thaw(inventory);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> gateway.get("/api/inventory/products").statusCode() == 200);
	}

	@Test
	@Order(3)
	void everyPanelOfEveryDashboardShowsLiveData(LocalPlatform platform) throws IOException {
		Http gateway = Callers.gateway(platform);
		Prometheus prometheus = prometheus(platform);
		driveTheEventsTheFactorsShow(platform, gateway);

		List<Path> dashboards;
		try (Stream<Path> files = Files.list(HOME.resolve("grafana/dashboards"))) {
			dashboards = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
		}
		assertThat(dashboards).extracting(file -> file.getFileName().toString())
			.contains("twelve-factors.json", "services.json", "gateway-resilience.json", "jvm.json");

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
			List<String> empty = new ArrayList<>();
			for (Path dashboard : dashboards) {
				empty.addAll(
						emptyPanels(JSON.readTree(dashboard.toFile()), dashboard.getFileName().toString(), prometheus));
			}
			assertThat(empty).as("panels without data").isEmpty();
		});
	}

	/**
	 * A config refresh, an admin task run, a scale-out, a restart, errors, refusals; the
	 * breaker opened in the test before.
	 */
	private static void driveTheEventsTheFactorsShow(LocalPlatform platform, Http gateway) {
		assertThat(platform.runAdminTask(Service.INVENTORY, List.of("stock-report")).output()).contains("products");
		platform.scaleOut(Service.ORDER);
		Prometheus prometheus = prometheus(platform);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> prometheus.query("up{job=\"platform\", application=\"order-service\"} == 1").size() == 2);
		for (int i = 0; i < 20; i++) {
			gateway.get("/api/inventory/products");
			gateway.placeOrder("{\"lines\":[{\"sku\":\"CB-005\",\"quantity\":1}]}");
			gateway.get("/api/orders/00000000-0000-4000-8000-00000000abcd");
			gateway.get("/api/no-such-api");
		}
		// Refused requests: without a token (401) and without the scope (403).
		Http anonymous = new Http(platform.gatewayUrl());
		ForgedTokens tokens = SecurityIT.forgedTokens(platform);
		Http readOnly = new Http(platform.gatewayUrl(), () -> tokens.bearer("reader", List.of("orders.read")));
		for (int i = 0; i < 5; i++) {
			assertThat(anonymous.get("/api/orders").statusCode()).isEqualTo(401);
			assertThat(readOnly.placeOrder("{\"lines\":[{\"sku\":\"CB-005\",\"quantity\":1}]}").statusCode())
				.isEqualTo(403);
		}
		platform.scaleIn(Service.ORDER);
		platform.restart(platform.instance(Service.INVENTORY));
	}

	/**
	 * Every data panel's queries, with the template variables set to the real values; the
	 * empty ones by name.
	 */
	private static List<String> emptyPanels(JsonNode dashboard, String file, Prometheus prometheus) {
		List<String> empty = new ArrayList<>();
		Map<String, String> variables = variables(dashboard, prometheus);
		for (JsonNode panel : dashboard.path("panels")) {
			String type = panel.path("type").asString();
			String title = file + " / " + panel.path("title").asString();
			if (type.equals("row") || type.equals("text")) {
				assertThat(panel.has("targets")).as(title + " is " + type + " and has no queries").isFalse();
				continue;
			}
			assertThat(panel.path("datasource").path("uid").asString()).as(title + " uses the provisioned data source")
				.isEqualTo("prometheus");
			assertThat(panel.path("targets").size()).as(title + " has queries").isPositive();
			for (JsonNode link : panel.path("fieldConfig").path("defaults").path("links")) {
				var linked = LINKED_DATA_SOURCE.matcher(link.path("url").asString());
				assertThat(linked.find()).as(title + " links to a data source: " + link).isTrue();
				assertThat(PROVISIONED_DATA_SOURCES).as(title + " links to a provisioned data source")
					.contains(linked.group(1));
			}
			for (JsonNode target : panel.path("targets")) {
				String expression = target.path("expr").asString();
				assertThat(expression).as(title).doesNotContain("vector(0)").doesNotContain("absent(");
				String query = expression;
				for (Map.Entry<String, String> variable : variables.entrySet()) {
					query = query.replace("$" + variable.getKey(), variable.getValue());
				}
				if (prometheus.query(query).isEmpty()) {
					empty.add(title + ": " + query);
				}
				// The dots that lead to a trace: Grafana asks for them beside the series.
				if (target.path("exemplar").asBoolean(false) && prometheus.exemplars(query).isEmpty()) {
					empty.add(title + ": no exemplars for " + query);
				}
			}
		}
		return empty;
	}

	/**
	 * Template variables as Grafana sets them with "All" selected: a regex of every real
	 * value.
	 */
	private static Map<String, String> variables(JsonNode dashboard, Prometheus prometheus) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("__rate_interval", "1m");
		values.put("__range", "1h");
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			String definition = variable.path("definition").asString();
			var labelValues = Pattern.compile("label_values\\((.*), (\\w+)\\)").matcher(definition);
			assertThat(labelValues.matches()).as(definition).isTrue();
			String match = labelValues.group(1);
			for (Map.Entry<String, String> known : values.entrySet()) {
				match = match.replace("$" + known.getKey(), known.getValue());
			}
			List<String> real = prometheus.labelValues(match, labelValues.group(2));
			assertThat(real).as("values of $" + variable.path("name").asString()).isNotEmpty();
			values.put(variable.path("name").asString(), "(" + String.join("|", real) + ")");
		}
		return values;
	}

	/** The revision of config-repo that config-service hands out now. */
	private static String servedRevision(Prometheus prometheus) {
		return revision(prometheus.query("platform_config_repo_revision_info"));
	}

	/** The revision an application's instances run with. */
	private static String runningRevision(Prometheus prometheus, String application) {
		return revision(prometheus.query("platform_config_revision_info{application=\"" + application + "\"}"));
	}

	private static String revision(List<JsonNode> result) {
		return result.isEmpty() ? "" : result.getFirst().path("metric").path("revision").asString();
	}

	private static List<String> provisionedDataSources() {
		try (Stream<Path> files = Files.list(HOME.resolve("grafana/provisioning/datasources"))) {
			Pattern uid = Pattern.compile("^\\s+uid: (\\S+)$", Pattern.MULTILINE);
			List<String> uids = new ArrayList<>();
			for (Path file : files.toList()) {
				uid.matcher(Files.readString(file)).results().forEach(match -> uids.add(match.group(1)));
			}
			return uids;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Prometheus prometheus(LocalPlatform platform) {
		return Prometheus.of(platform);
	}

}
