package dev.twelvefactor.deployment;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The connections a set of NetworkPolicies allows, computed with the API's semantics: a
 * pod selected by a policy of a direction only gets what some rule of such a policy
 * allows, and a connection needs the caller's egress and the callee's ingress. Endpoints
 * are the pod templates of one namespace (named by app.kubernetes.io/name), the cluster
 * DNS in kube-system, and "external" (anything outside the cluster). Flows are written
 * {@code "order-service -> inventory-service:8082/TCP"}.
 */
final class NetworkFlows {

	static final String EXTERNAL = "external";
	static final String KUBE_DNS = "kube-dns";

	private static final Map<String, String> KUBE_SYSTEM = Map.of("kubernetes.io/metadata.name", "kube-system");

	private static final Map<String, String> KUBE_DNS_LABELS = Map.of("k8s-app", "kube-dns");

	private record Endpoint(String name, Map<String, String> labels, Map<String, String> namespaceLabels,
			Set<String> ports) {
	}

	private NetworkFlows() {
	}

	static Set<String> allowed(Manifests manifests) {
		return allowed(manifests, manifests.all(NetworkPolicy.class));
	}

	static Set<String> allowed(Manifests manifests, List<NetworkPolicy> policies) {
		Namespace namespace = manifests.all(Namespace.class).getFirst();
		Map<String, String> namespaceLabels = new LinkedHashMap<>(
				Optional.ofNullable(namespace.getMetadata().getLabels()).orElse(Map.of()));
		namespaceLabels.put("kubernetes.io/metadata.name", namespace.getMetadata().getName());

		Map<String, Endpoint> pods = new LinkedHashMap<>();
		for (Manifests.Workload workload : manifests.workloads()) {
			Set<String> ports = new TreeSet<>();
			workload.containers()
				.forEach(c -> Optional.ofNullable(c.getPorts())
					.orElse(List.of())
					.forEach(p -> ports
						.add(p.getContainerPort() + "/" + Optional.ofNullable(p.getProtocol()).orElse("TCP"))));
			pods.merge(workload.podName(),
					new Endpoint(workload.podName(), workload.podLabels(), namespaceLabels, ports), (a, b) -> a);
		}
		Endpoint dns = new Endpoint(KUBE_DNS, KUBE_DNS_LABELS, KUBE_SYSTEM, Set.of("53/UDP", "53/TCP"));
		Set<String> externalPorts = new TreeSet<>();
		for (NetworkPolicy policy : policies) {
			Optional.ofNullable(policy.getSpec().getEgress())
				.orElse(List.of())
				.forEach(rule -> Optional.ofNullable(rule.getPorts())
					.orElse(List.of())
					.forEach(p -> externalPorts.add(port(p))));
		}
		Endpoint external = new Endpoint(EXTERNAL, Map.of(), Map.of(), externalPorts);

		List<Endpoint> sources = new ArrayList<>(pods.values());
		sources.add(external);
		List<Endpoint> destinations = new ArrayList<>(pods.values());
		destinations.add(dns);
		destinations.add(external);

		Set<String> flows = new TreeSet<>();
		for (Endpoint source : sources) {
			for (Endpoint destination : destinations) {
				// Connections that never touch the namespace are not its policies'
				// business.
				if (source == destination || source == external && (destination == external || destination == dns)) {
					continue;
				}
				for (String port : destination.ports()) {
					boolean out = source == external || egressAllowed(policies, source, destination, port);
					boolean in = destination == dns || destination == external
							|| ingressAllowed(policies, source, destination, port);
					if (out && in) {
						flows.add(source.name() + " -> " + destination.name() + ":" + port);
					}
				}
			}
		}
		return flows;
	}

	/**
	 * Rules without ports allow every port: the policies must name theirs, so such rules
	 * are reported.
	 */
	static List<String> rulesWithoutPorts(List<NetworkPolicy> policies) {
		List<String> problems = new ArrayList<>();
		for (NetworkPolicy policy : policies) {
			var spec = policy.getSpec();
			Optional.ofNullable(spec.getIngress())
				.orElse(List.of())
				.stream()
				.filter(rule -> rule.getPorts() == null || rule.getPorts().isEmpty())
				.forEach(rule -> problems.add(policy.getMetadata().getName() + ": an ingress rule without ports"));
			Optional.ofNullable(spec.getEgress())
				.orElse(List.of())
				.stream()
				.filter(rule -> rule.getPorts() == null || rule.getPorts().isEmpty())
				.forEach(rule -> problems.add(policy.getMetadata().getName() + ": an egress rule without ports"));
		}
		return problems;
	}

	private static boolean egressAllowed(List<NetworkPolicy> policies, Endpoint source, Endpoint destination,
			String port) {
		List<NetworkPolicy> selecting = policies.stream()
			.filter(p -> p.getSpec().getPolicyTypes().contains("Egress"))
			.filter(p -> Labels.matches(p.getSpec().getPodSelector(), source.labels()))
			.toList();
		if (selecting.isEmpty()) {
			return true;
		}
		return selecting.stream()
			.flatMap(p -> Optional.ofNullable(p.getSpec().getEgress()).orElse(List.of()).stream())
			.anyMatch(rule -> portMatches(rule.getPorts(), port) && peersMatch(rule.getTo(), destination));
	}

	private static boolean ingressAllowed(List<NetworkPolicy> policies, Endpoint source, Endpoint destination,
			String port) {
		List<NetworkPolicy> selecting = policies.stream()
			.filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
			.filter(p -> Labels.matches(p.getSpec().getPodSelector(), destination.labels()))
			.toList();
		if (selecting.isEmpty()) {
			return true;
		}
		return selecting.stream()
			.flatMap(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of()).stream())
			.anyMatch(rule -> portMatches(rule.getPorts(), port) && peersMatch(rule.getFrom(), source));
	}

	/**
	 * No peers: everyone. A peer with an ipBlock: outside the cluster. Otherwise
	 * namespace and pod selectors.
	 */
	private static boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint endpoint) {
		if (peers == null || peers.isEmpty()) {
			return true;
		}
		for (NetworkPolicyPeer peer : peers) {
			if (peer.getIpBlock() != null) {
				if (endpoint.name().equals(EXTERNAL)) {
					return true;
				}
				continue;
			}
			if (endpoint.name().equals(EXTERNAL)) {
				continue;
			}
			LabelSelector namespaces = peer.getNamespaceSelector();
			boolean namespaceMatches = namespaces == null
					? endpoint.namespaceLabels().get("kubernetes.io/metadata.name") != null
							&& !endpoint.namespaceLabels().equals(KUBE_SYSTEM)
					: Labels.matches(namespaces, endpoint.namespaceLabels());
			boolean podMatches = peer.getPodSelector() == null
					|| Labels.matches(peer.getPodSelector(), endpoint.labels());
			if (namespaceMatches && podMatches) {
				return true;
			}
		}
		return false;
	}

	private static boolean portMatches(List<NetworkPolicyPort> ports, String port) {
		if (ports == null || ports.isEmpty()) {
			return true;
		}
		return ports.stream()
			.anyMatch(p -> port(p).equals(port)
					|| p.getEndPort() != null && p.getPort() != null && p.getPort().getIntVal() != null
							&& inRange(port, p.getPort().getIntVal(), p.getEndPort(), protocol(p)));
	}

	private static boolean inRange(String port, int from, int to, String protocol) {
		String[] parts = port.split("/");
		int number = Integer.parseInt(parts[0]);
		return parts[1].equals(protocol) && number >= from && number <= to;
	}

	private static String port(NetworkPolicyPort port) {
		if (port.getPort() == null || port.getPort().getIntVal() == null) {
			throw new AssertionError(
					"NetworkPolicy ports must be numbers (named or missing ports are not modelled): " + port);
		}
		return port.getPort().getIntVal() + "/" + protocol(port);
	}

	private static String protocol(NetworkPolicyPort port) {
		return Optional.ofNullable(port.getProtocol()).orElse("TCP");
	}

}
