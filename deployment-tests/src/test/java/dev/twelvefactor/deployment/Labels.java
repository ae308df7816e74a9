package dev.twelvefactor.deployment;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.List;
import java.util.Map;

/** Label selectors, evaluated the way the API server does. */
final class Labels {

	private Labels() {
	}

	static boolean matches(LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
		for (var entry : matchLabels.entrySet()) {
			if (!entry.getValue().equals(labels.get(entry.getKey()))) {
				return false;
			}
		}
		List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of()
				: selector.getMatchExpressions();
		for (LabelSelectorRequirement requirement : expressions) {
			String value = labels.get(requirement.getKey());
			List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
			boolean satisfied = switch (requirement.getOperator()) {
				case "In" -> value != null && values.contains(value);
				case "NotIn" -> value == null || !values.contains(value);
				case "Exists" -> value != null;
				case "DoesNotExist" -> value == null;
				default -> throw new AssertionError("Unknown selector operator " + requirement.getOperator());
			};
			if (!satisfied) {
				return false;
			}
		}
		return true;
	}

	static boolean matches(Map<String, String> selector, Map<String, String> labels) {
		return selector != null && !selector.isEmpty()
				&& selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
	}

	/** An empty selector ({@code {}}) selects everything; a null one nothing. */
	static boolean selectsAll(LabelSelector selector) {
		return selector != null && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
				&& (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
	}

}
