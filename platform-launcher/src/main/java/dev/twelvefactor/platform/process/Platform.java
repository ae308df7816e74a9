package dev.twelvefactor.platform.process;

import dev.twelvefactor.platform.PlatformOptions;
import dev.twelvefactor.platform.Service;
import dev.twelvefactor.platform.database.DatabaseCredentials;
import dev.twelvefactor.platform.database.LocalPostgres;
import dev.twelvefactor.platform.monitoring.Monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole platform as local processes: one embedded PostgreSQL, then discovery and config, then the business
 * services and the gateway, each started as its own {@code java -jar} process with its settings in environment
 * variables, the same names compose and Kubernetes set. Users run it through {@code ./platform up}; the system
 * tests start, kill, restart and scale it through the same methods.
 */
public final class Platform implements AutoCloseable {

    /** How long one instance may take to become ready: generous, since a 2-core machine starts several at once. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

    private final PlatformOptions options;
    private final Consumer<String> log;
    private final ReadinessProbe probe = new ReadinessProbe();
    private final Map<Service, List<ServiceInstance>> instances = new EnumMap<>(Service.class);
    private final List<String> javaCommand;
    private LocalPostgres postgres;
    private final Monitoring monitoring;
    private String pushgatewayUrl;
    private volatile boolean closed;
    private final Map<Service, DatabaseCredentials> databases = new EnumMap<>(Service.class);
    private final java.util.Set<Service> warnedAboutSlowStart = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Platform(PlatformOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
        this.javaCommand = javaCommand(options.jvmOptionsFile());
        this.monitoring = new Monitoring(options, log);
        for (Service service : Service.values()) {
            instances.put(service, new CopyOnWriteArrayList<>());
        }
    }

    /** Starts everything and returns once every instance is ready and listed as UP in Eureka. */
    public static Platform start(PlatformOptions options, Consumer<String> log) {
        Platform platform = create(options, log);
        try {
            platform.start();
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    /**
     * The platform that {@code ./platform up} runs with these options, seen from another process: enough to run
     * admin tasks against it (same configuration, same databases), not to start or stop its instances.
     */
    public static Platform attach(PlatformOptions options, Consumer<String> log) {
        Platform platform = new Platform(options, log);
        // Where ./platform up runs its Pushgateway; if it is not running, a push only logs a warning.
        platform.pushgatewayUrl = "http://127.0.0.1:9091";
        for (Service service : Service.values()) {
            service.database().ifPresent(name ->
                    platform.databases.put(service, LocalPostgres.credentials(options.postgresPort(), name)));
        }
        return platform;
    }

    /** A platform not started yet: lets a caller install a shutdown hook that can stop a start half way. */
    public static Platform create(PlatformOptions options, Consumer<String> log) {
        return new Platform(options, log);
    }

    public void start() {
        Instant begin = Instant.now();
        prepareDataDirectory();
        for (Service service : Service.values()) {
            requireBuilt(service);
        }
        pushgatewayUrl = monitoring.startPushgateway(options.fixedPorts() ? 9091 : freePort()).orElse(null);
        log.accept("Starting PostgreSQL 17 (embedded) in " + options.dataDirectory().resolve("postgres"));
        postgres = LocalPostgres.start(options.dataDirectory().resolve("postgres"), options.postgresPort());
        for (Service service : Service.values()) {
            service.database().ifPresent(name -> databases.put(service, postgres.ensureDatabase(name)));
        }
        // Discovery and config do not need each other to start; everything else needs config.
        startInParallel(List.of(Service.DISCOVERY, Service.CONFIG));
        monitoring.startPrometheus(options.fixedPorts() ? 9090 : freePort(), eurekaUrl().replaceAll("/$", ""),
                "127.0.0.1:" + instance(Service.DISCOVERY).managementPort());
        startInParallel(List.of(Service.INVENTORY, Service.ORDER, Service.GATEWAY));
        log.accept("Platform ready in %.1f s".formatted(Duration.between(begin, Instant.now()).toMillis() / 1000.0));
    }

    private void startInParallel(List<Service> services) {
        List<ServiceInstance> group = new ArrayList<>();
        for (Service service : services) {
            for (int i = 0; i < options.instances().get(service); i++) {
                group.add(newInstance(service));
            }
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> started = group.stream()
                    .map(instance -> executor.submit(() -> startAndAwait(instance)))
                    .<Future<?>>map(future -> future)
                    .toList();
            for (Future<?> future : started) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting " + services, e);
        }
    }

    /** How an instance's JVM is started. */
    public enum Launch {
        /** The platform's way: the fast layout with its AOT cache and the flags of jvm.options. */
        TUNED,
        /** {@code java -jar SERVICE.jar} with no flag at all: the baseline the benchmarks compare against. */
        BASELINE
    }

    /** Adds one more instance of a service (scale out) and waits until it is ready and routable. */
    public ServiceInstance scaleOut(Service service) {
        return scaleOut(service, Launch.TUNED);
    }

    public ServiceInstance scaleOut(Service service, Launch launch) {
        ServiceInstance instance = newInstance(service, launch);
        startAndAwait(instance);
        return instance;
    }

    /** Stops the newest running instance of a service (scale in) and forgets it; at least one is kept. */
    public void scaleIn(Service service) {
        List<ServiceInstance> running = instances.get(service).stream().filter(ServiceInstance::isAlive).toList();
        if (running.size() < 2) {
            throw new IllegalStateException("Scaling in keeps at least one instance of " + service.applicationName());
        }
        ServiceInstance newest = running.getLast();
        stop(newest);
        instances.get(service).remove(newest);
    }

    /** Stops PostgreSQL as an operator would for a restart (fast shutdown: open transactions are rolled back). */
    public synchronized void stopDatabase() {
        log.accept("Stopping PostgreSQL");
        postgres.close();
    }

    /** Starts PostgreSQL again with the same data and on the same port, so that the services reconnect by themselves. */
    public synchronized void startDatabase() {
        log.accept("Starting PostgreSQL again on port " + postgres.port());
        postgres = LocalPostgres.start(options.dataDirectory().resolve("postgres"), postgres.port());
    }

    public synchronized void startDatabaseIfStopped() {
        if (postgres.isStopped()) {
            startDatabase();
        }
    }

    /** Starts a stopped or killed instance again on its own ports and waits until it is ready. */
    public void restart(ServiceInstance instance) {
        if (instance.isAlive()) {
            instance.stop(STOP_TIMEOUT);
        }
        startAndAwait(instance);
    }

    public void stop(ServiceInstance instance) {
        log.accept("Stopping " + instance);
        instance.stop(STOP_TIMEOUT);
    }

    public void kill(ServiceInstance instance) {
        log.accept("Killing " + instance + " (SIGKILL)");
        instance.kill();
    }

    private void startAndAwait(ServiceInstance instance) {
        if (closed) {
            throw new IllegalStateException("The platform is stopping; " + instance.name() + " is not started");
        }
        instance.start();
        log.accept("Started " + instance);
        awaitReady(instance);
        log.accept("%s ready in %.1f s".formatted(instance.name(),
                Duration.between(instance.startedAt(), Instant.now()).toMillis() / 1000.0));
    }

    /**
     * Ready means: readiness group UP and, for Eureka clients, listed as UP in Eureka and seen in the registry copy
     * of every running instance of its callers (the gateway, order-service), so that they can route to it.
     */
    public void awaitReady(ServiceInstance instance) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (!isReady(instance)) {
            if (!instance.isAlive()) {
                throw new IllegalStateException(instance.name() + " exited while starting. Last lines of "
                        + instance.logFile() + ":" + System.lineSeparator() + instance.logTail(40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(instance.name() + " was not ready within " + READY_TIMEOUT
                        + ". Last lines of " + instance.logFile() + ":" + System.lineSeparator() + instance.logTail(40));
            }
            sleep(Duration.ofMillis(250));
        }
    }

    public boolean isReady(ServiceInstance instance) {
        if (!instance.isAlive() || !probe.isReady(instance)) {
            return false;
        }
        if (instance.service() == Service.DISCOVERY) {
            return holdsEveryRunningInstance();
        }
        return !instance.service().registersInEureka()
                || probe.isUpInEureka(eurekaUrl(), instance) && isKnownToEveryCaller(instance);
    }

    /**
     * A restarted Eureka server is ready once it serves its registry again with every running instance in it
     * (they register again on their next heartbeat); before that it refuses to serve an empty registry.
     */
    private boolean holdsEveryRunningInstance() {
        return instances.values().stream().flatMap(List::stream)
                .filter(other -> other.service().registersInEureka() && other.isAlive() && probe.isReady(other))
                .allMatch(other -> probe.isUpInEureka(eurekaUrl(), other));
    }

    private boolean isKnownToEveryCaller(ServiceInstance instance) {
        long running = instances.get(instance.service()).stream().filter(ServiceInstance::isAlive).count();
        return instance.service().callers().stream()
                .flatMap(caller -> instances.get(caller).stream())
                .filter(caller -> caller.isAlive() && probe.isReady(caller))
                .allMatch(caller -> probe.instancesSeenBy(caller, instance.service().applicationName()) >= running);
    }

    private ServiceInstance newInstance(Service service) {
        return newInstance(service, Launch.TUNED);
    }

    private ServiceInstance newInstance(Service service, Launch launch) {
        List<ServiceInstance> existing = instances.get(service);
        int index = existing.size() + 1;
        boolean defaultPorts = options.fixedPorts() && index == 1;
        int port = defaultPorts ? service.defaultPort() : freePort();
        int managementPort = defaultPorts ? service.defaultManagementPort() : freePort();
        List<String> command = launch == Launch.TUNED ? launchCommand(service)
                : new ArrayList<>(List.of(javaCommand.getFirst(), "-jar", options.jarOf(service).toString()));
        String name = service.applicationName() + "-" + index;
        ServiceInstance instance = new ServiceInstance(service, index, port, managementPort, command,
                environment(service, port, managementPort), options.home(),
                options.logDirectory().resolve(name + ".log"), pidDirectory().resolve(name + ".pid"));
        existing.add(instance);
        return instance;
    }

    /**
     * How a service is started: from the fast layout the build made (the extracted jar with its AOT cache, trained
     * with the same jvm.options) when it is there and newer than the jar it was trained on; else from the fat jar,
     * which works the same, only starts slower.
     */
    List<String> launchCommand(Service service) {
        List<String> command = new ArrayList<>(javaCommand);
        Path extracted = options.extractedJarOf(service);
        Path cache = options.aotCacheOf(service);
        if (isFresh(cache, extracted)) {
            command.add("-XX:AOTCache=" + cache);
            command.add("-XX:AOTMode=" + (options.strictAotCache() ? "on" : "auto"));
            command.addAll(List.of("-jar", extracted.toString()));
        } else {
            if (warnedAboutSlowStart.add(service)) {
                log.accept("No AOT cache for " + service.applicationName() + " (build without -Daot.skip to make one): "
                        + "starting the fat jar, which is slower");
            }
            command.addAll(List.of("-jar", options.jarOf(service).toString()));
        }
        return command;
    }

    /**
     * Whether {@link Launch#TUNED} instances of the service start from the fast layout and its AOT cache, as
     * {@link #launchCommand} decides; the benchmarks refuse to compare against a TUNED that silently is not.
     */
    public boolean startsFromAotCache(Service service) {
        return isFresh(options.aotCacheOf(service), options.extractedJarOf(service));
    }

    private static boolean isFresh(Path cache, Path extracted) {
        try {
            return Files.isRegularFile(cache) && Files.isRegularFile(extracted)
                    && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(extracted)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The instance's whole configuration, as environment variables (factor III). Compose and Kubernetes set the
     * same names; everything else comes from config-service.
     */
    private Map<String, String> environment(Service service, int port, int managementPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("EUREKA_URL", eurekaUrl());
        if (service.registersInEureka()) {
            // Register the loopback address: a guessed host address may not be reachable locally.
            env.put("INSTANCE_IP", "127.0.0.1");
        }
        if (service.importsConfig()) {
            env.put("CONFIG_URL", configUrl());
        }
        if (service == Service.CONFIG) {
            env.put("CONFIG_REPO_PATH", options.configRepo().toString());
        }
        if (pushgatewayUrl != null) {
            env.put("PUSHGATEWAY_URL", pushgatewayUrl);
        }
        DatabaseCredentials database = databases.get(service);
        if (database != null) {
            env.put("DB_URL", database.url());
            env.put("DB_USERNAME", database.username());
            env.put("DB_PASSWORD", database.password());
        }
        return env;
    }

    /**
     * The names of the environment variables the launcher sets for an instance of {@code service}: compose and
     * Kubernetes must set the same names (factor X), which the deployment tests check.
     */
    public java.util.Set<String> environmentVariableNames(Service service) {
        Platform names = attach(options, log);
        return java.util.Set.copyOf(names.environment(service, 0, 0).keySet());
    }

    /** The output and exit code of a one-off admin process. */
    public record AdminRun(int exitCode, String output) {
    }

    /**
     * Runs {@code java -jar SERVICE.jar admin TASK ARGS} as its own process (factor XII), with the same JVM flags,
     * environment and database as the service's instances, and waits for it to exit.
     */
    public AdminRun runAdminTask(Service service, List<String> taskAndArguments) {
        List<String> command = launchCommand(service);
        command.add("admin");
        command.addAll(taskAndArguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(options.home().toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment(service, 0, 0));
        // Human-readable output: an admin task reports to the person or job that ran it.
        builder.environment().put("LOG_FORMAT", "");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new AdminRun(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run admin task " + taskAndArguments, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + taskAndArguments, e);
        }
    }

    public String eurekaUrl() {
        return firstInstanceUrl(Service.DISCOVERY, Service.DISCOVERY.defaultPort()) + "/eureka/";
    }

    public String configUrl() {
        return firstInstanceUrl(Service.CONFIG, Service.CONFIG.defaultPort());
    }

    public String gatewayUrl() {
        return firstInstanceUrl(Service.GATEWAY, Service.GATEWAY.defaultPort());
    }

    private String firstInstanceUrl(Service service, int defaultPort) {
        List<ServiceInstance> running = instances.get(service);
        return running.isEmpty() ? "http://127.0.0.1:" + defaultPort : running.getFirst().url();
    }

    public List<ServiceInstance> instances(Service service) {
        return List.copyOf(instances.get(service));
    }

    public ServiceInstance instance(Service service) {
        return instances.get(service).getFirst();
    }

    public DatabaseCredentials database(Service service) {
        return databases.get(service);
    }

    /** Prometheus, when its binary is on the PATH. */
    public java.util.Optional<String> prometheusUrl() {
        return monitoring.prometheusUrl();
    }

    public java.util.Optional<String> pushgatewayUrl() {
        return monitoring.pushgatewayUrl();
    }

    public int postgresPort() {
        return postgres.port();
    }

    public PlatformOptions options() {
        return options;
    }

    /** Stops in reverse order of dependency: the entry point first, the database last. */
    @Override
    public synchronized void close() {
        closed = true;
        List<Service> order = List.of(Service.GATEWAY, Service.ORDER, Service.INVENTORY, Service.CONFIG, Service.DISCOVERY);
        for (List<Service> wave : List.of(order.subList(0, 1), order.subList(1, 3), order.subList(3, 5))) {
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                wave.stream().flatMap(service -> instances.get(service).stream())
                        .filter(ServiceInstance::isAlive)
                        .forEach(instance -> executor.submit(() -> stop(instance)));
            }
        }
        // After the services: their last pushes (shutdown durations) must still find the Pushgateway.
        monitoring.close();
        if (postgres != null) {
            log.accept("Stopping PostgreSQL");
            postgres.close();
            postgres = null;
        }
    }

    private void prepareDataDirectory() {
        try {
            killLeftovers();
            if (options.cleanStart() && Files.exists(options.dataDirectory())) {
                // Everything but the running launcher's pid file (./platform down needs it) and the build stamp.
                List<Path> kept = List.of(options.dataDirectory(), options.dataDirectory().resolve("launcher.pid"),
                        options.dataDirectory().resolve("build-stamp"));
                try (Stream<Path> paths = Files.walk(options.dataDirectory())) {
                    paths.sorted(Comparator.reverseOrder())
                            .filter(path -> !kept.contains(path))
                            .forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(options.logDirectory());
            if (!options.configRepo().equals(options.home().resolve("config-repo"))) {
                copyConfigRepo();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyConfigRepo() throws IOException {
        Path source = options.home().resolve("config-repo");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = options.configRepo().resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * A launcher that was itself killed cannot stop its children; its pid files let the next start find
     * and stop them, so no process from an earlier run holds a port.
     */
    private void killLeftovers() throws IOException {
        if (!Files.isDirectory(pidDirectory())) {
            return;
        }
        try (Stream<Path> pidFiles = Files.list(pidDirectory())) {
            for (Path pidFile : pidFiles.toList()) {
                String pid;
                try {
                    pid = Files.readString(pidFile).trim();
                } catch (java.nio.file.NoSuchFileException stoppedMeanwhile) {
                    continue;
                }
                ProcessHandle.of(Long.parseLong(pid))
                        .filter(process -> process.info().commandLine().orElse("").contains(options.home().toString()))
                        .ifPresent(process -> {
                            log.accept("Stopping leftover process " + process.pid() + " from an earlier run");
                            process.destroyForcibly();
                            process.onExit().join();
                        });
                Files.deleteIfExists(pidFile);
            }
        }
    }

    private Path pidDirectory() {
        return options.dataDirectory().resolve("pids");
    }

    private void requireBuilt(Service service) {
        if (!Files.isRegularFile(options.jarOf(service))) {
            throw new IllegalStateException(options.jarOf(service) + " is missing: build first with ./mvnw -DskipTests package");
        }
    }

    /** The same JDK as the launcher, with the JVM flags shared by every service (one file, also used by images). */
    private static List<String> javaCommand(Path jvmOptionsFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Files.isRegularFile(jvmOptionsFile)) {
            try {
                Files.readAllLines(jvmOptionsFile).stream()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .forEach(command::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return command;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
