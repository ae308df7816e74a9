package dev.twelvefactor.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process as the kernel counts it (VmRSS): what the machine really
 * gives the process, heap, metaspace, code cache, thread stacks and mapped AOT cache
 * pages alike, unlike any number the JVM reports itself.
 */
final class ProcessMemory {

	private ProcessMemory() {
	}

	/** Resident set, and the anonymous (private) part of it, of a running process. */
	record Resident(long totalKib, long anonymousKib) {
	}

	static Resident of(long pid) {
		try {
			String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
			return new Resident(kib(status, "VmRSS"), kib(status, "RssAnon"));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the memory of process " + pid + " (Linux /proc only)", e);
		}
	}

	/**
	 * A field of /proc/PID/status ("VmRSS: 123456 kB"). RssAnon is the part only this
	 * process can use (heap, metaspace, stacks); the rest is mostly file pages (the jar,
	 * the mapped AOT cache) the kernel can share and drop.
	 */
	static long kib(String procStatus, String field) {
		return procStatus.lines()
			.filter(line -> line.startsWith(field + ":"))
			.map(line -> line.substring(field.length() + 1).strip())
			.map(value -> Long.parseLong(value.split("\\s+")[0]))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No " + field + " line: the process has exited"));
	}

	static double mib(long kib) {
		return kib / 1024.0;
	}

}
