package dev.twelvefactor.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the optional tools the platform uses when installed (Prometheus, wrk, nginx) on
 * the PATH.
 */
public final class Executables {

	private Executables() {
	}

	/**
	 * The first executable named one of {@code names} (in that order of preference) on
	 * the PATH.
	 */
	public static Optional<Path> onPath(String... names) {
		return find(List.of(), names);
	}

	/**
	 * Like {@link #onPath}, then in {@code moreDirectories} (Debian puts daemons in
	 * /usr/sbin, not on every PATH).
	 */
	public static Optional<Path> find(List<String> moreDirectories, String... names) {
		List<String> directories = new ArrayList<>(
				List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
		directories.addAll(moreDirectories);
		for (String directory : directories) {
			for (String name : names) {
				Path candidate = Path.of(directory, name);
				if (!directory.isEmpty() && Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

}
