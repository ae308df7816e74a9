package dev.twelvefactor.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * How to run the platform: where the repository and the data live, which ports to use and
 * how many instances of each service to start.
 *
 * @param home the repository root (holds {@code config-repo/} and each service's
 * {@code target/})
 * @param dataDirectory PostgreSQL data, logs and the launcher's pid files; kept between
 * runs
 * @param cleanStart wipe {@code dataDirectory} before starting
 * @param fixedPorts use each service's default ports (users) or free ports (tests, so
 * they never clash)
 * @param postgresPort port of the embedded PostgreSQL, 0 for a free one
 * @param instances how many instances to start of each service
 * @param ownConfigRepo serve a copy of config-repo/ from the data folder (tests change
 * settings live without touching the repository), instead of the repository's own folder
 * @param strictAotCache refuse to start a service whose AOT cache the JVM cannot use
 * ({@code -XX:AOTMode=on}: tests, so that a cache silently ignored fails loudly) instead
 * of starting it without ({@code auto}: users)
 * @param trainAotCaches start every service from the fast layout without its AOT cache,
 * recording a new one when it exits ({@code ./platform train}): the cache then holds what
 * a real run loads and profiles, not only what the build's refresh of the context does
 */
public record PlatformOptions(Path home, Path dataDirectory, boolean cleanStart, boolean fixedPorts, int postgresPort,
		Map<Service, Integer> instances, boolean ownConfigRepo, boolean strictAotCache, boolean trainAotCaches) {

	public PlatformOptions {
		home = home.toAbsolutePath().normalize();
		dataDirectory = dataDirectory.toAbsolutePath().normalize();
		EnumMap<Service, Integer> all = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			int count = instances.getOrDefault(service, 1);
			if (count < 1) {
				throw new IllegalArgumentException(service.applicationName() + " cannot run " + count + " instances");
			}
			if (count > 1 && service.singleInstanceReason().isPresent()) {
				throw new IllegalArgumentException(service.applicationName() + " cannot run " + count + " instances: "
						+ service.singleInstanceReason().get());
			}
			all.put(service, count);
		}
		instances = Map.copyOf(all);
		if (!Files.isDirectory(home.resolve("config-repo"))) {
			throw new IllegalArgumentException(home + " is not the platform's repository root (no config-repo/)");
		}
	}

	/**
	 * Defaults for a person at a terminal: fixed well-known ports, data kept in
	 * {@code .platform/}.
	 */
	public static PlatformOptions forUser(Path home) {
		return new PlatformOptions(home, home.resolve(".platform"), false, true, 5432, Map.of(), false, false, false);
	}

	/** Defaults for tests: free ports, a clean data folder. */
	public static PlatformOptions forTests(Path home, Path dataDirectory) {
		return new PlatformOptions(home, dataDirectory, true, false, 0, Map.of(), true, true, false);
	}

	public PlatformOptions withInstances(Service service, int count) {
		EnumMap<Service, Integer> changed = new EnumMap<>(instances);
		changed.put(service, count);
		return new PlatformOptions(home, dataDirectory, cleanStart, fixedPorts, postgresPort, changed, ownConfigRepo,
				strictAotCache, trainAotCaches);
	}

	public PlatformOptions withCleanStart(boolean clean) {
		return new PlatformOptions(home, dataDirectory, clean, fixedPorts, postgresPort, instances, ownConfigRepo,
				strictAotCache, trainAotCaches);
	}

	public PlatformOptions withDataDirectory(Path directory) {
		return new PlatformOptions(home, directory, cleanStart, fixedPorts, postgresPort, instances, ownConfigRepo,
				strictAotCache, trainAotCaches);
	}

	/**
	 * These options, with every service recording a new AOT cache from what it loads and
	 * profiles until it stops (see {@link #aotTrainingOutputOf(Service)}).
	 */
	public PlatformOptions withAotTraining() {
		return new PlatformOptions(home, dataDirectory, cleanStart, fixedPorts, postgresPort, instances, ownConfigRepo,
				strictAotCache, true);
	}

	/** The folder config-service serves (CONFIG_REPO_PATH). */
	public Path configRepo() {
		return ownConfigRepo ? dataDirectory.resolve("config-repo") : home.resolve("config-repo");
	}

	public Path logDirectory() {
		return dataDirectory.resolve("logs");
	}

	public Path jarOf(Service service) {
		return home.resolve(service.applicationName()).resolve("target").resolve(service.applicationName() + ".jar");
	}

	/**
	 * The fast layout the build makes next to the fat jar: the extracted application jar
	 * (its libraries beside it).
	 */
	public Path extractedJarOf(Service service) {
		return jarOf(service).resolveSibling("app").resolve(service.applicationName() + ".jar");
	}

	/**
	 * The AOT cache the build trained for the extracted jar, with the flags of
	 * {@link #jvmOptionsFile()}.
	 */
	public Path aotCacheOf(Service service) {
		return jarOf(service).resolveSibling("app").resolve(service.applicationName() + ".aot");
	}

	/**
	 * Where a service started with {@link #trainAotCaches()} writes its cache when it
	 * exits: beside the build's, which it replaces only once written in full.
	 */
	public Path aotTrainingOutputOf(Service service) {
		return aotCacheOf(service).resolveSibling(service.applicationName() + ".aot.trained");
	}

	/**
	 * What {@code ./platform train} writes beside a cache it trained on a real run, after
	 * the cache: a build's later cache is newer than it.
	 */
	public Path aotRunTrainingMarkOf(Service service) {
		return aotCacheOf(service).resolveSibling(service.applicationName() + ".aot.run");
	}

	/**
	 * Zipkin's executable jar, which the build copies out of the Maven repository
	 * (platform-launcher's pom).
	 */
	public Path zipkinJar() {
		return home.resolve("platform-launcher").resolve("target").resolve("tools").resolve("zipkin-server.jar");
	}

	/** Zipkin's jar extracted by the build, beside its AOT cache. */
	public Path zipkinExtractedJar() {
		return zipkinJar().resolveSibling("zipkin").resolve("zipkin-server.jar");
	}

	/**
	 * The AOT cache the build trained for Zipkin's extracted jar, with
	 * {@code Monitoring}'s flags.
	 */
	public Path zipkinAotCache() {
		return zipkinJar().resolveSibling("zipkin").resolve("zipkin-server.aot");
	}

	public Path jvmOptionsFile() {
		return home.resolve("jvm.options");
	}
}
