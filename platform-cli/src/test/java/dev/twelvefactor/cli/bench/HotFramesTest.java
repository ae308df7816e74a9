package dev.twelvefactor.cli.bench;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HotFramesTest {

	@Test
	void findsTheMethodThatBurnsTheCpuInARealRecording(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("test.jfr");
		try (Recording recording = new Recording()) {
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
			recording.start();
			burn(Duration.ofMillis(1500));
			recording.stop();
			recording.dump(file);
		}

		HotFrames frames = HotFrames.of(file);

		assertThat(frames.samples()).isPositive();
		assertThat(frames.selfByMethod().keySet()).anyMatch(method -> method.startsWith(HotFramesTest.class.getName()));
		assertThat(frames.anywhereByLibrary()).containsKey("the platform's own code (dev.twelvefactor)");
		assertThat(frames.render(5)).contains("| method (on top of the stack)").contains("| library");
	}

	@Test
	void namesTheLibraryOfAClassByItsPackageFirstMatchWins() {
		assertThat(HotFrames.libraryOf("io.netty.channel.nio.NioEventLoop")).isEqualTo("Netty");
		assertThat(HotFrames.libraryOf("reactor.netty.http.server.HttpServerOperations")).isEqualTo("Reactor Netty");
		assertThat(HotFrames.libraryOf(Pattern.class.getName())).isEqualTo("JDK regular expressions");
		assertThat(HotFrames.libraryOf(HashMap.class.getName())).isEqualTo("JDK collections and concurrency");
		assertThat(HotFrames.libraryOf("org.example.Unknown")).isEqualTo("other");
	}

	/** Busy on this thread, in a method of this class, so that samples land here. */
	private static double burn(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		double sum = 0;
		while (System.nanoTime() < end) {
			for (int i = 1; i < 10_000; i++) {
				sum += Math.sqrt(i) / i;
			}
		}
		return sum;
	}

}
