package dev.twelvefactor.deployment;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network policies allow exactly the connections the platform makes, no more:
 * computed from the rendered policies (NetworkFlows) and compared with the list below,
 * which says who calls whom and why.
 */
class NetworkPolicyTest {

	private static final List<String> SERVICES = List.of("discovery-service", "config-service", "inventory-service",
			"order-service", "gateway-service", "auth-service");

	/**
	 * Who calls auth-service's API port, and why: the gateway routes people's logins and
	 * token requests there and fetches the signing keys (JWKS); order-service, also as
	 * its reconcile task, fetches tokens for inventory-service (and the keys);
	 * inventory-service fetches the keys to check the tokens it is sent. Nobody else.
	 */
	private static final List<String> AUTH_CLIENTS = List.of("gateway-service", "order-service", "inventory-service",
			"order-reconcile");

	private static final List<String> ADMIN_TASKS = List.of("inventory-stock-report", "order-reconcile",
			"config-refresh-all");

	/**
	 * Who opens connections to the database: the services that own one, and their admin
	 * tasks.
	 */
	private static final List<String> DATABASE_CLIENTS = List.of("inventory-service", "order-service",
			"inventory-stock-report", "order-reconcile");

	/**
	 * Who sends spans to the trace store: the services on a client request's path, and
	 * the admin tasks that run with their configuration.
	 */
	private static final List<String> SPAN_REPORTERS = List.of("gateway-service", "order-service", "inventory-service",
			"auth-service", "inventory-stock-report", "order-reconcile");

	/** The flows of the base, the same in every environment. */
	private static Set<String> platformFlows() {
		Set<String> flows = new TreeSet<>();
		// The public entry point, from outside the namespace (ingress controller, load
		// balancer, port-forward).
		flows.add("external -> gateway-service:8080/TCP");
		// Eureka: registration and registry fetches of every client; reconcile finds
		// inventory-service there; refresh-all lists the instances to refresh.
		for (String client : List.of("config-service", "inventory-service", "order-service", "gateway-service",
				"auth-service", "order-reconcile", "config-refresh-all")) {
			flows.add(client + " -> discovery-service:8761/TCP");
		}
		// Configuration: the config clients, and the admin tasks that run with a client's
		// configuration.
		for (String client : List.of("inventory-service", "order-service", "gateway-service", "auth-service",
				"inventory-stock-report", "order-reconcile")) {
			flows.add(client + " -> config-service:8888/TCP");
		}
		// Tokens and signing keys.
		for (String client : AUTH_CLIENTS) {
			flows.add(client + " -> auth-service:8083/TCP");
		}
		// The business calls: the gateway's two routes, order-service reserving stock
		// (also when reconciling).
		flows.add("gateway-service -> order-service:8081/TCP");
		flows.add("gateway-service -> inventory-service:8082/TCP");
		flows.add("order-service -> inventory-service:8082/TCP");
		flows.add("order-reconcile -> inventory-service:8082/TCP");
		// refresh-all: POST /actuator/refresh on every config client's management port.
		flows.add("config-refresh-all -> gateway-service:9080/TCP");
		flows.add("config-refresh-all -> order-service:9081/TCP");
		flows.add("config-refresh-all -> inventory-service:9082/TCP");
		flows.add("config-refresh-all -> auth-service:9083/TCP");
		// Metrics of processes that exit before a scrape: shutdown durations and admin
		// task runs.
		for (String pusher : concat(SERVICES, ADMIN_TASKS)) {
			flows.add(pusher + " -> pushgateway:9091/TCP");
		}
		return flows;
	}

	private static Set<String> devFlows() {
		Set<String> flows = platformFlows();
		for (String client : DATABASE_CLIENTS) {
			flows.add(client + " -> postgres:5432/TCP");
		}
		// Prometheus: Eureka service discovery, every management port, the Pushgateway.
		flows.add("prometheus -> discovery-service:8761/TCP");
		flows.add("prometheus -> discovery-service:9761/TCP");
		flows.add("prometheus -> config-service:9888/TCP");
		flows.add("prometheus -> gateway-service:9080/TCP");
		flows.add("prometheus -> order-service:9081/TCP");
		flows.add("prometheus -> inventory-service:9082/TCP");
		flows.add("prometheus -> auth-service:9083/TCP");
		flows.add("prometheus -> pushgateway:9091/TCP");
		flows.add("grafana -> prometheus:9090/TCP");
		// Spans to Zipkin, traces from it for Grafana's data source.
		for (String reporter : SPAN_REPORTERS) {
			flows.add(reporter + " -> zipkin:9411/TCP");
		}
		flows.add("grafana -> zipkin:9411/TCP");
		// Logs: Alloy finds the pods and reads their logs at the API server (outside the
		// namespace: 6443 on kind and kubeadm, 443 on managed clusters), pushes them to
		// Loki; Grafana queries Loki.
		flows.add("alloy -> external:443/TCP");
		flows.add("alloy -> external:6443/TCP");
		flows.add("alloy -> loki:3100/TCP");
		flows.add("grafana -> loki:3100/TCP");
		// People, through kubectl port-forward or an ingress.
		flows.add("external -> prometheus:9090/TCP");
		flows.add("external -> grafana:3000/TCP");
		flows.add("external -> zipkin:9411/TCP");
		addDns(flows, concat(SERVICES, ADMIN_TASKS,
				List.of("pushgateway", "postgres", "prometheus", "grafana", "zipkin", "loki", "alloy")));
		return flows;
	}

	private static Set<String> prodFlows() {
		Set<String> flows = platformFlows();
		// The external PostgreSQL: no pod selector can name it.
		for (String client : DATABASE_CLIENTS) {
			flows.add(client + " -> external:5432/TCP");
		}
		// The trace store, yours, outside the namespace.
		for (String reporter : SPAN_REPORTERS) {
			flows.add(reporter + " -> external:9411/TCP");
		}
		addDns(flows, concat(SERVICES, ADMIN_TASKS, List.of("pushgateway")));
		return flows;
	}

	@Test
	void devAllowsExactlyThePlatformsFlows() {
		assertThat(NetworkFlows.allowed(Manifests.render("k8s/overlays/dev")))
			.containsExactlyInAnyOrderElementsOf(devFlows());
	}

	@Test
	void prodAllowsExactlyThePlatformsFlows() {
		assertThat(NetworkFlows.allowed(Manifests.render("k8s/overlays/prod")))
			.containsExactlyInAnyOrderElementsOf(prodFlows());
	}

	/**
	 * auth-service, spelled out: its API only from those that need a token or the keys,
	 * its management port only from Prometheus and refresh-all, nothing from outside the
	 * cluster (people reach the login page through the gateway), and it calls nothing but
	 * Eureka, config-service, the Pushgateway and the trace store.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void onlyWhoNeedsATokenOrTheKeysReachesAuthService(String overlay) {
		Set<String> flows = NetworkFlows.allowed(Manifests.render(overlay));
		Set<String> expected = new TreeSet<>();
		AUTH_CLIENTS.forEach(client -> expected.add(client + " -> auth-service:8083/TCP"));
		expected.add("config-refresh-all -> auth-service:9083/TCP");
		if (overlay.endsWith("dev")) {
			expected.add("prometheus -> auth-service:9083/TCP");
		}
		assertThat(flows.stream().filter(flow -> flow.contains("-> auth-service:")))
			.containsExactlyInAnyOrderElementsOf(expected);
		assertThat(
				flows.stream().filter(flow -> flow.startsWith("auth-service -> ")).map(flow -> flow.split(" -> ")[1]))
			.containsExactlyInAnyOrder("discovery-service:8761/TCP", "config-service:8888/TCP", "pushgateway:9091/TCP",
					overlay.endsWith("dev") ? "zipkin:9411/TCP" : "external:9411/TCP", "kube-dns:53/TCP",
					"kube-dns:53/UDP");
	}

	/**
	 * The log store, spelled out: the collector pushes to it and Grafana reads it, nobody
	 * else (no service, no admin task, no person from outside: the lines carry order ids
	 * and error details, and Loki has no login). Grafana reaches both its log store and
	 * its trace store; the collector reaches Loki and the API server, and nothing reaches
	 * it.
	 */
	@Test
	void onlyTheCollectorWritesToTheLogStoreAndOnlyGrafanaReadsIt() {
		Set<String> flows = NetworkFlows.allowed(Manifests.render("k8s/overlays/dev"));

		assertThat(flows.stream().filter(flow -> flow.contains("-> loki:")))
			.containsExactlyInAnyOrder("alloy -> loki:3100/TCP", "grafana -> loki:3100/TCP");
		assertThat(flows).contains("grafana -> zipkin:9411/TCP", "grafana -> prometheus:9090/TCP")
			.doesNotContain("order-service -> loki:3100/TCP", "gateway-service -> loki:3100/TCP",
					"external -> loki:3100/TCP", "prometheus -> loki:3100/TCP");
		assertThat(flows.stream().filter(flow -> flow.contains("-> alloy:"))).isEmpty();
		assertThat(flows.stream().filter(flow -> flow.startsWith("alloy -> ")).map(flow -> flow.split(" -> ")[1]))
			.containsExactlyInAnyOrder("loki:3100/TCP", "external:443/TCP", "external:6443/TCP", "kube-dns:53/TCP",
					"kube-dns:53/UDP");
		// Loki calls nobody.
		assertThat(flows.stream().filter(flow -> flow.startsWith("loki -> ")).map(flow -> flow.split(" -> ")[1]))
			.containsExactlyInAnyOrder("kube-dns:53/TCP", "kube-dns:53/UDP");
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/overlays/dev", "k8s/overlays/prod" })
	void everythingIsDeniedUnlessAllowedAndEveryRuleNamesItsPorts(String overlay) {
		Manifests manifests = Manifests.render(overlay);
		List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);

		assertThat(policies).as("a default deny of both directions for every pod")
			.anyMatch(p -> Labels.selectsAll(p.getSpec().getPodSelector())
					&& p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
					&& (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())
					&& (p.getSpec().getEgress() == null || p.getSpec().getEgress().isEmpty()));
		assertThat(NetworkFlows.rulesWithoutPorts(policies)).isEmpty();
		for (NetworkPolicy policy : policies) {
			assertThat(manifests.workloads()).as("pods selected by NetworkPolicy " + policy.getMetadata().getName())
				.anyMatch(w -> Labels.matches(policy.getSpec().getPodSelector(), w.podLabels()));
		}
	}

	/**
	 * The computation itself: without inventory-service's policy, nobody may call it any
	 * more.
	 */
	@Test
	void removingAPolicyRemovesItsFlows() {
		Manifests manifests = Manifests.render("k8s/overlays/dev");
		List<NetworkPolicy> withoutInventory = manifests.all(NetworkPolicy.class)
			.stream()
			.filter(p -> !p.getMetadata().getName().equals("inventory-service"))
			.toList();

		Set<String> flows = NetworkFlows.allowed(manifests, withoutInventory);

		assertThat(flows).noneMatch(flow -> flow.contains("-> inventory-service:"))
			.contains("gateway-service -> order-service:8081/TCP");
		// What other policies still allow it: name resolution, its database and its
		// spans.
		assertThat(flows.stream().filter(flow -> flow.startsWith("inventory-service -> "))).containsExactlyInAnyOrder(
				"inventory-service -> kube-dns:53/TCP", "inventory-service -> kube-dns:53/UDP",
				"inventory-service -> postgres:5432/TCP", "inventory-service -> zipkin:9411/TCP");
	}

	private static void addDns(Set<String> flows, List<String> pods) {
		for (String pod : pods) {
			flows.add(pod + " -> kube-dns:53/TCP");
			flows.add(pod + " -> kube-dns:53/UDP");
		}
	}

	@SafeVarargs
	private static List<String> concat(List<String>... lists) {
		return Arrays.stream(lists).flatMap(List::stream).toList();
	}

}
