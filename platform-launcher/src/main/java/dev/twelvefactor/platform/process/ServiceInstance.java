package dev.twelvefactor.platform.process;

import dev.twelvefactor.platform.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One running (or stopped) process of a service. It keeps its ports across restarts, so a restarted instance
 * comes back where its clients expect it, as a restarted container would.
 */
public final class ServiceInstance {

    private final Service service;
    private final int index;
    private final int port;
    private final int managementPort;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path logFile;
    private final Path pidFile;
    private Process process;
    private Instant startedAt;

    ServiceInstance(Service service, int index, int port, int managementPort, List<String> command,
                    Map<String, String> environment, Path workingDirectory, Path logFile, Path pidFile) {
        this.service = service;
        this.index = index;
        this.port = port;
        this.managementPort = managementPort;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name() + " is already running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "%n--- %s starting %s%n".formatted(Instant.now(), name()),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            startedAt = Instant.now();
            process = builder.start();
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name(), e);
        }
    }

    /** SIGTERM: the service shuts down gracefully (drains requests, leaves Eureka); SIGKILL after the timeout. */
    public synchronized void stop(Duration timeout) {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit(timeout);
        if (process.isAlive()) {
            kill();
        }
        forgetPid();
    }

    /** SIGKILL, as a crash or an OOM kill would: no shutdown hook runs. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        forgetPid();
    }

    private void awaitExit(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forgetPid() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked against the live process table before it is used
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized Instant startedAt() {
        return startedAt;
    }

    public Service service() {
        return service;
    }

    public int index() {
        return index;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path logFile() {
        return logFile;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public String name() {
        return service.applicationName() + "-" + index;
    }

    /** The last lines of the log, to say why an instance did not come up. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name() + " (pid " + pid() + ", port " + port + ", management " + managementPort + ")";
    }
}
