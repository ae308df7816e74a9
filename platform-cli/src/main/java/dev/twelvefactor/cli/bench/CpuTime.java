package dev.twelvefactor.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * CPU time a process has used (user + system), from /proc/PID/stat: on a machine whose
 * cores every process shares, CPU time per request is what decides how much one part of a
 * path leaves for the others.
 */
final class CpuTime {

	/**
	 * USER_HZ: the unit of /proc/PID/stat times, 100 on every Linux architecture the
	 * platform supports.
	 */
	private static final double TICKS_PER_SECOND = 100.0;

	private CpuTime() {
	}

	/**
	 * The CPU seconds of these processes together; one that has exited counts nothing.
	 */
	static double seconds(Collection<Long> pids) {
		double total = 0;
		for (long pid : pids) {
			try {
				total += seconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
			}
			catch (IOException exited) {
				// Gone (an nginx worker replaced): its time is no longer counted
				// anywhere.
			}
		}
		return total;
	}

	/**
	 * utime + stime (fields 14 and 15) of a /proc/PID/stat line; the name in parentheses
	 * may hold spaces.
	 */
	static double seconds(String procStat) {
		String[] fields = procStat.substring(procStat.lastIndexOf(')') + 2).strip().split("\\s+");
		// fields[0] is field 3 (state), so field 14 is fields[11].
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
	}

}
