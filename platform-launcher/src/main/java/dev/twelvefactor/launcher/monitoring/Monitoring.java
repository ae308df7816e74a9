package dev.twelvefactor.launcher.monitoring;

import dev.twelvefactor.launcher.Executables;
import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.net.HttpCheck;
import dev.twelvefactor.launcher.net.Ports;
import dev.twelvefactor.launcher.process.LaunchCommand;
import dev.twelvefactor.launcher.secrets.PlatformSecrets;
import dev.twelvefactor.launcher.secrets.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Prometheus and its Pushgateway beside the local platform, when their binaries are on
 * the PATH (Debian: {@code apt-get install prometheus prometheus-pushgateway}), with the
 * same configuration as compose and Kubernetes. Without them the platform runs all the
 * same; {@code docker compose up} brings the dashboards. With fixed ports they take the
 * well-known 9090 and 9091, or free ones when something else (a developer's own
 * Prometheus) holds those. Both listen on the loopback address only.
 */
public final class Monitoring implements AutoCloseable {

	public static final int PROMETHEUS_PORT = 9090;

	public static final int PUSHGATEWAY_PORT = 9091;

	public static final int ZIPKIN_PORT = 9411;

	/**
	 * Spans Zipkin keeps in memory, the oldest dropped first: a laptop's traffic of the
	 * last hour or so, within its heap; as in compose (docker/zipkin/Dockerfile).
	 */
	static final int ZIPKIN_MAX_SPANS = 50_000;

	/**
	 * Zipkin's JVM flags; platform-launcher's pom trains its AOT cache with the same. Its
	 * libraries (Netty, Armeria) still use sun.misc.Unsafe and native access, which the
	 * JDK warns about on every start unless allowed. With adapters in the cache, JDK
	 * 25.0.3 warned on every start that two of Zipkin's did not link (it then makes them
	 * as without a cache): no adapter caching, nothing to warn about.
	 */
	static final List<String> ZIPKIN_JVM_FLAGS = List.of("-Xmx192m", "-XX:+UseSerialGC",
			"--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
			"-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTAdapterCaching");

	/**
	 * Where a running platform tells other processes ({@code ./platform admin}) its
	 * Pushgateway's address.
	 */
	private static final String PUSHGATEWAY_URL_FILE = "pushgateway.url";

	private final PlatformOptions options;

	private final Consumer<String> log;

	private final ProcessRunner runner;

	private final HttpCheck http = new HttpCheck();

	private final List<AutoCloseable> processes = new ArrayList<>();

	private String pushgatewayUrl;

	private String prometheusUrl;

	private String zipkinUrl;

	public Monitoring(PlatformOptions options, Consumer<String> log, ProcessRunner runner) {
		this.options = options;
		this.log = log;
		this.runner = runner;
	}

	/**
	 * Starts the Pushgateway if installed; its URL is then what services get as
	 * PUSHGATEWAY_URL.
	 */
	public Optional<String> startPushgateway() {
		Optional<Path> binary = Executables.onPath("prometheus-pushgateway", "pushgateway");
		if (binary.isEmpty()) {
			log.accept("Pushgateway not found on PATH: admin task runs and shutdown durations are not recorded");
			return Optional.empty();
		}
		String address = "127.0.0.1:" + port("Pushgateway", PUSHGATEWAY_PORT);
		start("pushgateway", List.of(binary.get().toString(), "--web.listen-address=" + address,
				"--persistence.file=" + directory().resolve("pushgateway.data")));
		pushgatewayUrl = "http://" + address;
		http.awaitOk(pushgatewayUrl + "/-/ready", Duration.ofSeconds(60));
		write(directory().resolve(PUSHGATEWAY_URL_FILE), pushgatewayUrl);
		return Optional.of(pushgatewayUrl);
	}

	/**
	 * Starts Prometheus if installed, discovering every instance through Eureka (user
	 * eureka) and scraping each (user monitoring), with the passwords in owner-only files
	 * beside its configuration: Prometheus reads them from files, never from its command
	 * line, which every user of the machine can see.
	 */
	public Optional<String> startPrometheus(String eurekaServer, String discoveryMetricsTarget,
			PlatformSecrets secrets) {
		Optional<Path> binary = Executables.onPath("prometheus");
		if (binary.isEmpty()) {
			log.accept("Prometheus not found on PATH: for dashboards, run docker compose up (see README)");
			return Optional.empty();
		}
		Path eurekaPassword = directory().resolve("eureka.password");
		Path monitoringPassword = directory().resolve("monitoring.password");
		PrivateFiles.write(eurekaPassword, secrets.eureka().password());
		PrivateFiles.write(monitoringPassword, secrets.monitoring().password());
		Path config = PrometheusConfig.writeTo(options.home(), directory(),
				Map.of("EUREKA_SERVER", eurekaServer, "DISCOVERY_METRICS_TARGET", discoveryMetricsTarget,
						// Without a Pushgateway this target is simply down.
						"PUSHGATEWAY_TARGET",
						pushgatewayUrl().orElse("http://127.0.0.1:" + PUSHGATEWAY_PORT).replace("http://", ""),
						"EUREKA_PASSWORD_FILE", eurekaPassword.toString(), "MONITORING_PASSWORD_FILE",
						monitoringPassword.toString()));
		String address = "127.0.0.1:" + port("Prometheus", PROMETHEUS_PORT);
		// No --web.enable-lifecycle: its HTTP API would let any local user stop it or
		// reload it; the launcher stops it with a signal, as it stops every process.
		start("prometheus",
				List.of(binary.get().toString(), "--config.file=" + config,
						"--storage.tsdb.path=" + directory().resolve("data"), "--web.listen-address=" + address,
						// Exemplars: the trace id of a recent request beside each latency
						// bucket, so that a p99 spike on a dashboard leads to a slow
						// trace.
						"--enable-feature=exemplar-storage", "--log.level=warn"));
		prometheusUrl = "http://" + address;
		http.awaitOk(prometheusUrl + "/-/ready", Duration.ofSeconds(60));
		if (Executables.onPath("grafana-server", "grafana").isEmpty()) {
			log.accept("Grafana not found on PATH: the dashboards in grafana/ come with docker compose up");
		}
		return Optional.of(prometheusUrl);
	}

	/**
	 * Starts Zipkin, the trace store and its UI, from the jar the build copies out of the
	 * Maven repository ({@link PlatformOptions#zipkinJar()}), on the launcher's own JDK,
	 * with spans in memory: a laptop's traces need no database. Compose and Kubernetes
	 * run the same jar. Returns at once, so that it starts while the database and the
	 * registry do; {@link #awaitZipkin()} waits until it takes spans.
	 */
	public void startZipkin() {
		Path jar = options.zipkinJar();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(
					"Zipkin's jar " + jar + " is missing: build the platform first (./mvnw -DskipTests package)");
		}
		int port = port("Zipkin", ZIPKIN_PORT);
		start("zipkin", zipkinCommand(port));
		zipkinUrl = "http://127.0.0.1:" + port;
	}

	/**
	 * From the fast layout the build made for it (extracted jar and AOT cache, trained
	 * with {@link #ZIPKIN_JVM_FLAGS}) when it is there, else from the jar as it is.
	 * Zipkin's server (Armeria) listens where its port list says; a list item set here
	 * replaces the jar's, so the whole item is set, with the loopback address.
	 */
	List<String> zipkinCommand(int port) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(ZIPKIN_JVM_FLAGS);
		if (LaunchCommand.isTrainedFor(options.zipkinAotCache(), options.zipkinExtractedJar())) {
			command.addAll(List.of("-XX:AOTCache=" + options.zipkinAotCache(), "-XX:AOTMode=auto", "-jar",
					options.zipkinExtractedJar().toString()));
		}
		else {
			command.addAll(List.of("-jar", options.zipkinJar().toString()));
		}
		command.addAll(List.of("--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port,
				"--armeria.ports[0].protocols[0]=http", "--zipkin.storage.mem.max-spans=" + ZIPKIN_MAX_SPANS,
				"--logging.level.root=WARN"));
		return command;
	}

	/** Waits until the Zipkin {@link #startZipkin()} started answers. */
	public void awaitZipkin() {
		if (zipkinUrl != null) {
			http.awaitOk(zipkinUrl + "/health", Duration.ofSeconds(90));
		}
	}

	/**
	 * The Pushgateway of the platform running with these options, as another process
	 * finds it: the address it wrote, else the default one (if nothing listens there, a
	 * push only logs a warning).
	 */
	public static String pushgatewayUrlOf(PlatformOptions options) {
		try {
			return Files.readString(options.dataDirectory().resolve("monitoring").resolve(PUSHGATEWAY_URL_FILE))
				.strip();
		}
		catch (IOException notRunningOrNotInstalled) {
			return "http://127.0.0.1:" + PUSHGATEWAY_PORT;
		}
	}

	public Optional<String> prometheusUrl() {
		return Optional.ofNullable(prometheusUrl);
	}

	public Optional<String> pushgatewayUrl() {
		return Optional.ofNullable(pushgatewayUrl);
	}

	public Optional<String> zipkinUrl() {
		return Optional.ofNullable(zipkinUrl);
	}

	/**
	 * Tests and benchmarks take a free port; a user gets the well-known one unless
	 * something else holds it.
	 */
	private int port(String name, int wellKnown) {
		if (!options.fixedPorts()) {
			return Ports.free();
		}
		int port = Ports.preferredOrFree(wellKnown);
		if (port != wellKnown) {
			log.accept("Port " + wellKnown + " is taken (another " + name + "?): this platform's " + name
					+ " listens on " + port);
		}
		return port;
	}

	private void start(String name, List<String> command) {
		log.accept("Starting " + name);
		processes.add(runner.start(name, command, directory()));
	}

	private Path directory() {
		Path directory = options.dataDirectory().resolve("monitoring");
		try {
			Files.createDirectories(directory);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return directory;
	}

	private static void write(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		for (AutoCloseable process : processes) {
			try {
				process.close();
			}
			catch (Exception e) {
				log.accept("Could not stop " + process + ": " + e.getMessage());
			}
		}
		try {
			Files.deleteIfExists(options.dataDirectory().resolve("monitoring").resolve(PUSHGATEWAY_URL_FILE));
		}
		catch (IOException ignored) {
			// a stale address only makes a later admin task push to where nothing
			// listens, which it tolerates
		}
	}

}
