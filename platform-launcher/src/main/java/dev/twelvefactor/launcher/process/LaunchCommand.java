package dev.twelvefactor.launcher.process;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The command line that starts a service's JVM: the same JDK as the launcher, with the
 * flags of jvm.options (one file, also used by the images), from the fast layout and its
 * AOT cache when the build made them.
 */
public final class LaunchCommand {

	private final PlatformOptions options;

	private final Consumer<String> log;

	private final List<String> java;

	private final Set<Service> warnedAboutSlowStart = ConcurrentHashMap.newKeySet();

	public LaunchCommand(PlatformOptions options, Consumer<String> log) {
		this.options = options;
		this.log = log;
		this.java = javaWithFlags(options.jvmOptionsFile());
	}

	public List<String> of(Service service, Launch launch) {
		if (launch == Launch.BASELINE) {
			return new ArrayList<>(List.of(java.getFirst(), "-jar", options.jarOf(service).toString()));
		}
		return options.trainAotCaches() ? training(service) : tuned(service);
	}

	/**
	 * The fast layout without a cache, recording one when the JVM exits (JDK 25's
	 * one-step training, JEP 514): the classes everything after the context's refresh
	 * loads (connections, Flyway, Eureka, the first requests) and the method profiles of
	 * the run (JEP 515), which the build's training, which exits at the refresh, cannot
	 * hold. The JVM assembles the cache in a child JVM on its way out, which takes
	 * seconds.
	 */
	private List<String> training(Service service) {
		List<String> command = new ArrayList<>(java);
		command.add("-XX:AOTCacheOutput=" + options.aotTrainingOutputOf(service));
		command.add("-Xlog:aot=error");
		command.addAll(List.of("-jar", options.extractedJarOf(service).toString()));
		return command;
	}

	/**
	 * From the fast layout the build made (the extracted jar with its AOT cache, trained
	 * with the same jvm.options) when it is there and newer than the jar it was trained
	 * on; else from the fat jar, which works the same, only starts slower. A mutable
	 * list: an admin task adds its arguments.
	 */
	public List<String> tuned(Service service) {
		List<String> command = new ArrayList<>(java);
		if (startsFromAotCache(service)) {
			command.add("-XX:AOTCache=" + options.aotCacheOf(service));
			command.add("-XX:AOTMode=" + (options.strictAotCache() ? "on" : "auto"));
			command.addAll(List.of("-jar", options.extractedJarOf(service).toString()));
		}
		else {
			if (warnedAboutSlowStart.add(service)) {
				log.accept("No AOT cache for " + service.applicationName() + " (build without -Daot.skip to make one): "
						+ "starting the fat jar, which is slower");
			}
			command.addAll(List.of("-jar", options.jarOf(service).toString()));
		}
		return command;
	}

	/**
	 * Whether {@link Launch#TUNED} instances of the service start from the fast layout
	 * and its AOT cache; the benchmarks refuse to compare against a TUNED that silently
	 * is not.
	 */
	public boolean startsFromAotCache(Service service) {
		return isTrainedFor(options.aotCacheOf(service), options.extractedJarOf(service));
	}

	/**
	 * Whether the cache TUNED instances start from was trained on a real run
	 * ({@code ./platform train}) rather than by the build: its mark is at least as new as
	 * the cache, which a build replaces.
	 */
	public boolean cacheTrainedOnARun(Service service) {
		return startsFromAotCache(service)
				&& isTrainedFor(options.aotRunTrainingMarkOf(service), options.aotCacheOf(service));
	}

	/**
	 * Whether the AOT cache and the extracted jar are there and the cache is at least as
	 * new as the jar (a rebuilt jar with an old cache would start without it).
	 */
	public static boolean isTrainedFor(Path cache, Path extracted) {
		try {
			return Files.isRegularFile(cache) && Files.isRegularFile(extracted)
					&& Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(extracted)) >= 0;
		}
		catch (IOException e) {
			return false;
		}
	}

	/**
	 * Refuses to start a platform whose jars were not built, with the command that builds
	 * them.
	 */
	public void requireBuilt(Service service) {
		if (!Files.isRegularFile(options.jarOf(service))) {
			throw new IllegalStateException(
					options.jarOf(service) + " is missing: build first with ./mvnw -DskipTests package");
		}
	}

	/**
	 * The java binary of the running JDK, then the flags of jvm.options without its
	 * comments and blank lines.
	 */
	static List<String> javaWithFlags(Path jvmOptionsFile) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (Files.isRegularFile(jvmOptionsFile)) {
			try {
				Files.readAllLines(jvmOptionsFile)
					.stream()
					.map(String::strip)
					.filter(line -> !line.isEmpty() && !line.startsWith("#"))
					.forEach(command::add);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return command;
	}

	/** The flags TUNED instances get, as the benchmark report prints them. */
	public List<String> jvmFlags() {
		return java.subList(1, java.size());
	}

}
