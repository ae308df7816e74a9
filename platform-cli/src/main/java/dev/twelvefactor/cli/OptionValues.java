package dev.twelvefactor.cli;

import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --option value} pairs of a command line, for the commands whose every option
 * takes a value ({@code load}, {@code token}, {@code train}): an unknown option or one
 * without its value is refused with a one-line reason, which {@link PlatformCommand}
 * prints above the usage.
 */
final class OptionValues {

	private final Map<String, String> values;

	private OptionValues(Map<String, String> values) {
		this.values = values;
	}

	/** Takes every argument; the last of a repeated option wins. */
	static OptionValues parse(Deque<String> arguments, String... known) {
		List<String> options = List.of(known);
		Map<String, String> values = new HashMap<>();
		while (!arguments.isEmpty()) {
			String option = arguments.pop();
			if (!options.contains(option)) {
				throw new IllegalArgumentException("Unknown option " + option);
			}
			String value = arguments.poll();
			if (value == null) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			values.put(option, value);
		}
		return new OptionValues(values);
	}

	Optional<String> get(String option) {
		return Optional.ofNullable(values.get(option));
	}

	String get(String option, String defaultValue) {
		return values.getOrDefault(option, defaultValue);
	}

}
