package dev.twelvefactor.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./platform bench [startup|memory|gateway|orders|saturation|all|profile]... [--runs 5]
 * [--clients 16] [--compare BEFORE.csv] [--out target]}.
 *
 * @param sections which benchmarks to run, in this order
 * @param runs starts per service and launch mode in the startup benchmark (the median is
 * reported)
 * @param clients concurrent clients of the order benchmark
 * @param compare the CSV an earlier saturation benchmark wrote, drawn and tabled as
 * "before" beside this run
 * @param out where the saturation benchmark writes its CSV and PNG (relative to the
 * repository root)
 */
record BenchOptions(List<Section> sections, int runs, int clients, Optional<Path> compare, Path out) {

	enum Section {

		STARTUP, MEMORY, GATEWAY, ORDERS, SATURATION,
		/**
		 * A diagnosis rather than a measure: where the gateway's time goes. Not part of
		 * {@code all}.
		 */
		PROFILE;

		/** The measuring sections, which {@code all} and no section at all mean. */
		static List<Section> measures() {
			return Arrays.stream(values()).filter(section -> section != PROFILE).toList();
		}

	}

	static final String USAGE = "./platform bench [startup|memory|gateway|orders|saturation|all|profile]... [--runs 5] "
			+ "[--clients 16] [--compare BEFORE.csv] [--out target]";

	BenchOptions {
		if (runs < 1 || runs > 50) {
			throw new IllegalArgumentException("--runs must be 1..50");
		}
		if (clients < 1 || clients > 256) {
			throw new IllegalArgumentException("--clients must be 1..256");
		}
		if (compare.isPresent() && !sections.contains(Section.SATURATION)) {
			throw new IllegalArgumentException("--compare is for the saturation benchmark, which is not chosen");
		}
		sections = List.copyOf(sections);
	}

	static BenchOptions parse(Deque<String> arguments) {
		List<Section> sections = new ArrayList<>();
		int runs = 5;
		int clients = 16;
		Optional<Path> compare = Optional.empty();
		Path out = Path.of("target");
		while (!arguments.isEmpty()) {
			String argument = arguments.pop();
			switch (argument) {
				case "--runs" -> runs = number(argument, arguments);
				case "--clients" -> clients = number(argument, arguments);
				case "--compare" -> compare = Optional.of(path(argument, arguments));
				case "--out" -> out = path(argument, arguments);
				case "all" -> sections.addAll(Section.measures());
				default -> sections.add(section(argument));
			}
		}
		if (sections.isEmpty()) {
			sections.addAll(Section.measures());
		}
		return new BenchOptions(sections.stream().distinct().toList(), runs, clients, compare, out);
	}

	private static Section section(String name) {
		for (Section section : Section.values()) {
			if (section.name().equalsIgnoreCase(name)) {
				return section;
			}
		}
		throw new IllegalArgumentException("Unknown benchmark or option '" + name + "'");
	}

	private static int number(String option, Deque<String> arguments) {
		String value = arguments.poll();
		if (value == null || !value.matches("\\d{1,4}")) {
			throw new IllegalArgumentException(option + " needs a number, not " + value);
		}
		return Integer.parseInt(value);
	}

	private static Path path(String option, Deque<String> arguments) {
		String value = arguments.poll();
		if (value == null || value.isBlank() || value.startsWith("--")) {
			throw new IllegalArgumentException(option + " needs a path, not " + value);
		}
		return Path.of(value);
	}
}
