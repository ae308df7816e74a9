package dev.twelvefactor.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process as the kernel counts it (VmRSS): what the machine really
 * gives the process, heap, metaspace, code cache, thread stacks and mapped AOT cache
 * pages alike, unlike any number the JVM reports itself; and its proportional set size
 * (PSS), which counts a page shared by n processes (the JDK's libraries, the same jar) as
 * 1/n in each: what one more instance really costs a machine running several.
 */
final class ProcessMemory {

	private ProcessMemory() {
	}

	/**
	 * Resident set, the anonymous (private) part of it, and the proportional set size of
	 * a running process.
	 */
	record Resident(long totalKib, long anonymousKib, long proportionalKib) {
	}

	static Resident of(long pid) {
		try {
			Path process = Path.of("/proc", Long.toString(pid));
			String status = Files.readString(process.resolve("status"));
			// The kernel sums every mapping's Pss into one line here (Linux 4.14+).
			String rollup = Files.readString(process.resolve("smaps_rollup"));
			return new Resident(kib(status, "VmRSS"), kib(status, "RssAnon"), kib(rollup, "Pss"));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the memory of process " + pid + " (Linux /proc only)", e);
		}
	}

	/**
	 * A field of /proc/PID/status ("VmRSS: 123456 kB") or /proc/PID/smaps_rollup ("Pss:
	 * 123456 kB"; not "Pss_Anon:", the field name ends at the colon). RssAnon is the part
	 * only this process can use (heap, metaspace, stacks); the rest is mostly file pages
	 * (the jar, the mapped AOT cache) the kernel can share and drop.
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
