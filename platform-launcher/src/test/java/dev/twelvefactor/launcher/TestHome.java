package dev.twelvefactor.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A repository root as the launcher needs it (config-repo/, jvm.options), in a temporary
 * folder.
 */
public final class TestHome {

	private TestHome() {
	}

	public static PlatformOptions options(Path home) {
		try {
			Files.createDirectories(home.resolve("config-repo"));
			Files.writeString(home.resolve("config-repo").resolve("application.yml"), "greeting: hello\n");
			Files.writeString(home.resolve("jvm.options"), "# the services' flags\n-XX:+UseSerialGC\n\n-Xss512k\n");
			return PlatformOptions.forTests(home, home.resolve("data"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A process that does nothing for a minute, with {@code mark} in its command line.
	 */
	public static ProcessBuilder idleProcess(String mark) {
		return new ProcessBuilder("sh", "-c", "sleep 60", mark);
	}

}
