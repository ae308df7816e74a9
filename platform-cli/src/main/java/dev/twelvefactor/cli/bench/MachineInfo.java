package dev.twelvefactor.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The machine the numbers come from: without it a benchmark result cannot be compared
 * with anything.
 */
record MachineInfo(int cores, String cpuModel, long memoryKib, String os, String jdk, String loadAverage) {

	static MachineInfo current() {
		String os = read("/etc/os-release").map(MachineInfo::parsePrettyName).orElse(System.getProperty("os.name"))
				+ ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch");
		String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
				+ System.getProperty("java.runtime.version");
		return new MachineInfo(Runtime.getRuntime().availableProcessors(),
				read("/proc/cpuinfo").map(MachineInfo::parseCpuModel).orElse("unknown"),
				read("/proc/meminfo").map(MachineInfo::parseMemTotalKib).orElse(-1L), os, jdk,
				read("/proc/loadavg").map(MachineInfo::parseLoadAverage).orElse("unknown"));
	}

	MarkdownTable table() {
		return new MarkdownTable("machine", "").row("CPU", cores + " cores (as the JVM sees them), " + cpuModel)
			.row("memory", memoryKib < 0 ? "unknown" : Stats.fixed(memoryKib / 1024.0 / 1024.0, 1) + " GiB")
			.row("OS", os)
			.row("JDK (launcher and services)", jdk)
			.row("load average before the run (1, 5, 15 min)", loadAverage);
	}

	/**
	 * The machine in one line, for a picture that travels without the report's header.
	 */
	String oneLine() {
		return "%d cores (%s), %s, %s, %s".formatted(cores, cpuModel,
				memoryKib < 0 ? "memory unknown" : Stats.fixed(memoryKib / 1024.0 / 1024.0, 1) + " GiB", os, jdk);
	}

	/** MemTotal of /proc/meminfo, in KiB. */
	static long parseMemTotalKib(String meminfo) {
		return meminfo.lines()
			.filter(line -> line.startsWith("MemTotal:"))
			.map(line -> Long.parseLong(line.replaceAll("\\D+", "")))
			.findFirst()
			.orElse(-1L);
	}

	/**
	 * The 1, 5 and 15 minute load averages of /proc/loadavg: shows whether something else
	 * was busy.
	 */
	static String parseLoadAverage(String loadavg) {
		String[] fields = loadavg.strip().split("\\s+");
		return String.join(" ", Arrays.asList(fields).subList(0, Math.min(3, fields.length)));
	}

	static String parseCpuModel(String cpuinfo) {
		return cpuinfo.lines()
			.filter(line -> line.startsWith("model name"))
			.map(line -> line.substring(line.indexOf(':') + 1).strip())
			.findFirst()
			.orElse("unknown");
	}

	static String parsePrettyName(String osRelease) {
		return osRelease.lines()
			.filter(line -> line.startsWith("PRETTY_NAME="))
			.map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
			.findFirst()
			.orElse("unknown");
	}

	private static Optional<String> read(String file) {
		try {
			return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8));
		}
		catch (IOException | RuntimeException e) {
			return Optional.empty();
		}
	}
}
