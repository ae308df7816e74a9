package dev.twelvefactor.launcher.orchestration;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.admin.AdminRun;
import dev.twelvefactor.launcher.admin.AdminTasks;
import dev.twelvefactor.launcher.data.DataFolder;
import dev.twelvefactor.launcher.database.PlatformDatabase;
import dev.twelvefactor.launcher.environment.Addresses;
import dev.twelvefactor.launcher.environment.InstanceEnvironment;
import dev.twelvefactor.launcher.monitoring.Monitoring;
import dev.twelvefactor.launcher.process.Launch;
import dev.twelvefactor.launcher.process.LaunchCommand;
import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.launcher.readiness.ReadinessPolicy;
import dev.twelvefactor.launcher.readiness.ReadinessProbe;
import dev.twelvefactor.launcher.secrets.PlatformSecrets;
import dev.twelvefactor.postgres.DatabaseCredentials;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The whole platform as local processes: one embedded PostgreSQL beside discovery and
 * config, then the business services, auth-service and the gateway, each started as its
 * own {@code java -jar} process with its settings in environment variables, the same
 * names compose and Kubernetes set, and the secrets of its data folder. Users run it
 * through {@code ./platform up}; the system tests start, kill, restart and scale it
 * through the same methods.
 */
public final class LocalPlatform implements AutoCloseable, Addresses {

	public static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

	/**
	 * A JVM recording an AOT cache assembles it on its way out, in a child JVM: seconds
	 * of CPU each, several at once on the last wave of a stop.
	 */
	private static final Duration TRAINING_STOP_TIMEOUT = Duration.ofMinutes(3);

	private final PlatformOptions options;

	private final Consumer<String> log;

	private final DataFolder dataFolder;

	private final ServiceInstances instances;

	private final LaunchCommand launchCommand;

	private final InstanceStarter starter;

	private final InstanceEnvironment environment;

	private final Monitoring monitoring;

	private final AdminTasks adminTasks;

	private final Faults faults;

	private final ReadinessProbe probe;

	/**
	 * The Pushgateway of a platform running in another process; null when this one runs
	 * its own.
	 */
	private final String attachedPushgatewayUrl;

	private volatile PlatformDatabase database;

	/** PostgreSQL while {@link #start()} starts it; its end is {@link #database}. */
	private volatile CompletableFuture<PlatformDatabase> startingDatabase;

	private final DataFolderSecrets secrets;

	private volatile boolean closed;

	private volatile Duration startedIn;

	private LocalPlatform(PlatformOptions options, Consumer<String> log, String attachedPushgatewayUrl) {
		this.options = options;
		this.log = log;
		this.attachedPushgatewayUrl = attachedPushgatewayUrl;
		this.secrets = new DataFolderSecrets(options.dataDirectory(), attachedPushgatewayUrl != null);
		this.dataFolder = new DataFolder(options, log);
		this.launchCommand = new LaunchCommand(options, log);
		this.instances = new ServiceInstances(options, dataFolder, launchCommand);
		this.probe = new ReadinessProbe(secrets);
		this.starter = new InstanceStarter(new ReadinessPolicy(probe, instances::of, this::eurekaUrl), log,
				() -> closed);
		this.monitoring = new Monitoring(options, log, new HelperProcesses(dataFolder));
		this.environment = new InstanceEnvironment(options.configRepo(), this,
				service -> Optional.ofNullable(database).flatMap(db -> db.credentials(service)), secrets);
		this.adminTasks = new AdminTasks(options.home(), launchCommand, environment);
		this.faults = new Faults(log, () -> database);
	}

	/**
	 * Starts everything and returns once every instance is ready and listed as UP in
	 * Eureka.
	 */
	public static LocalPlatform start(PlatformOptions options, Consumer<String> log) {
		LocalPlatform platform = create(options, log);
		try {
			platform.start();
			return platform;
		}
		catch (RuntimeException | Error e) {
			platform.close();
			throw e;
		}
	}

	/**
	 * The platform that {@code ./platform up} runs with these options, seen from another
	 * process: enough to run admin tasks against it (same configuration, databases and
	 * secrets) and to reach it with its credentials, not to start or stop its instances.
	 */
	public static LocalPlatform attach(PlatformOptions options, Consumer<String> log) {
		LocalPlatform platform = new LocalPlatform(options, log, Monitoring.pushgatewayUrlOf(options));
		platform.database = PlatformDatabase.attach(options.postgresPort());
		return platform;
	}

	/**
	 * A platform not started yet: lets a caller install a shutdown hook that can stop a
	 * start half way.
	 */
	public static LocalPlatform create(PlatformOptions options, Consumer<String> log) {
		return new LocalPlatform(options, log, null);
	}

	public void start() {
		Instant begin = Instant.now();
		dataFolder.prepare();
		for (Service service : Service.values()) {
			launchCommand.requireBuilt(service);
		}
		secrets.makeOrLoad();
		monitoring.startPushgateway();
		monitoring.startZipkin();
		// PostgreSQL is for the business services: it starts while discovery and config
		// do.
		startingDatabase = CompletableFuture.supplyAsync(
				() -> PlatformDatabase.start(dataFolder.postgresDirectory(), options.postgresPort(), log),
				task -> Thread.ofVirtual().name("postgres-start").start(task));
		// Discovery and config do not need each other; everything else needs config and
		// registers with discovery, but need not wait until Eureka lists config-service
		// (services reach it at CONFIG_URL). Tokens are fetched when first needed, so
		// auth-service starts with the services that use it, the gateway, which calls all
		// of them, last.
		InstanceStarter.Starting infrastructure = start(List.of(Service.DISCOVERY, Service.CONFIG));
		infrastructure.awaitStarted();
		database = awaitDatabase();
		monitoring.startPrometheus(eurekaUrl().replaceAll("/$", ""),
				"127.0.0.1:" + instance(Service.DISCOVERY).managementPort(), secrets());
		// Before the services that send it spans: a span sent while it starts is lost.
		monitoring.awaitZipkin();
		InstanceStarter.Starting services = start(
				List.of(Service.INVENTORY, Service.ORDER, Service.AUTH, Service.GATEWAY));
		infrastructure.awaitReady();
		services.awaitReady();
		startedIn = Duration.between(begin, Instant.now());
		log.accept("Platform ready in %.1f s".formatted(startedIn.toMillis() / 1000.0));
	}

	private InstanceStarter.Starting start(List<Service> services) {
		return starter.start(instances.addGroup(services, options.instances(), environment));
	}

	private PlatformDatabase awaitDatabase() {
		try {
			return startingDatabase.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Adds one more instance of a service (scale out) and waits until it is ready and
	 * routable.
	 */
	public ServiceInstance scaleOut(Service service) {
		return scaleOut(service, Launch.TUNED);
	}

	public ServiceInstance scaleOut(Service service, Launch launch) {
		return scaleOut(service, launch, Map.of());
	}

	/**
	 * Adds an instance whose environment differs in the given variables, e.g.
	 * {@code TRACING_SAMPLING_PROBABILITY}: a benchmark compares it with the others.
	 */
	public ServiceInstance scaleOut(Service service, Launch launch, Map<String, String> overrides) {
		ServiceInstance instance = instances.add(service, launch, environment, overrides);
		starter.startAndAwait(instance);
		return instance;
	}

	/**
	 * Stops the newest running instance of a service (scale in) and forgets it; at least
	 * one is kept.
	 */
	public void scaleIn(Service service) {
		List<ServiceInstance> running = instances.running(service);
		if (running.size() < 2) {
			throw new IllegalStateException("Scaling in keeps at least one instance of " + service.applicationName());
		}
		ServiceInstance newest = running.getLast();
		stop(newest);
		instances.remove(newest);
	}

	/**
	 * Starts a stopped or killed instance again on its own ports and waits until it is
	 * ready.
	 */
	public void restart(ServiceInstance instance) {
		if (instance.isAlive()) {
			instance.stop(STOP_TIMEOUT);
		}
		starter.startAndAwait(instance);
	}

	/**
	 * SIGTERM: the service shuts down gracefully (leaves Eureka, drains requests);
	 * SIGKILL after a timeout.
	 */
	public void stop(ServiceInstance instance) {
		log.accept("Stopping " + instance);
		instance.stop(options.trainAotCaches() ? TRAINING_STOP_TIMEOUT : STOP_TIMEOUT);
	}

	public AdminRun runAdminTask(Service service, List<String> taskAndArguments) {
		return adminTasks.run(service, taskAndArguments);
	}

	public Faults faults() {
		return faults;
	}

	/**
	 * Whether TUNED instances of the service start from the AOT cache (see
	 * {@link LaunchCommand}).
	 */
	public boolean startsFromAotCache(Service service) {
		return launchCommand.startsFromAotCache(service);
	}

	/** Whether that cache was trained on a real run ({@code ./platform train}). */
	public boolean aotCacheTrainedOnARun(Service service) {
		return launchCommand.cacheTrainedOnARun(service);
	}

	/**
	 * Passwords, client secrets and the signing key: made by {@link #start()}; a platform
	 * attached to reads those of the running one.
	 */
	public PlatformSecrets secrets() {
		return secrets.get();
	}

	/** Readiness and Eureka, asked with this platform's credentials. */
	public ReadinessProbe probe() {
		return probe;
	}

	@Override
	public String eurekaUrl() {
		return instances.firstUrl(Service.DISCOVERY) + "/eureka/";
	}

	@Override
	public String configUrl() {
		return instances.firstUrl(Service.CONFIG);
	}

	@Override
	public String authUrl() {
		return instances.firstUrl(Service.AUTH);
	}

	@Override
	public String gatewayUrl() {
		return instances.firstUrl(Service.GATEWAY);
	}

	public List<ServiceInstance> instances(Service service) {
		return List.copyOf(instances.of(service));
	}

	public ServiceInstance instance(Service service) {
		return instances.of(service).getFirst();
	}

	public DatabaseCredentials database(Service service) {
		return database.credentials(service)
			.orElseThrow(() -> new IllegalArgumentException(service.applicationName() + " owns no database"));
	}

	/** Prometheus, when its binary is on the PATH. */
	public Optional<String> prometheusUrl() {
		return monitoring.prometheusUrl();
	}

	@Override
	public Optional<String> pushgatewayUrl() {
		return attachedPushgatewayUrl != null ? Optional.of(attachedPushgatewayUrl) : monitoring.pushgatewayUrl();
	}

	/** Zipkin, the trace store, which this platform runs. */
	@Override
	public Optional<String> zipkinUrl() {
		return monitoring.zipkinUrl();
	}

	public int postgresPort() {
		return database.port();
	}

	/**
	 * How long {@link #start()} took, from its first step until every instance was ready
	 * and routable.
	 */
	public Optional<Duration> startedIn() {
		return Optional.ofNullable(startedIn);
	}

	public PlatformOptions options() {
		return options;
	}

	/** Stops in reverse order of dependency: the entry point first, the database last. */
	@Override
	public synchronized void close() {
		closed = true;
		instances.stopAll(this::stop);
		// After the services: their last pushes (shutdown durations) must still find the
		// Pushgateway.
		monitoring.close();
		if (database == null && startingDatabase != null) {
			// A start that failed while PostgreSQL was starting: stop it once it has.
			database = startingDatabase.exceptionally(failed -> null).join();
		}
		if (database != null) {
			database.close();
		}
	}

}
