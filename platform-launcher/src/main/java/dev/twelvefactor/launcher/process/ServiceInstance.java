package dev.twelvefactor.launcher.process;

import dev.twelvefactor.launcher.Service;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One running (or stopped) process of a service. It keeps its ports across restarts, so a
 * restarted instance comes back where its clients expect it, as a restarted container
 * would.
 */
public final class ServiceInstance {

	private final Service service;

	private final int index;

	private final int port;

	private final int managementPort;

	private final ManagedProcess process;

	public ServiceInstance(Service service, int index, int port, int managementPort, List<String> command,
			Map<String, String> environment, Path workingDirectory, Path logFile, Path pidFile) {
		this.service = service;
		this.index = index;
		this.port = port;
		this.managementPort = managementPort;
		this.process = new ManagedProcess(service.applicationName() + "-" + index, command, environment,
				workingDirectory, logFile, pidFile);
	}

	public void start() {
		process.start();
	}

	/**
	 * SIGTERM: the service shuts down gracefully (leaves Eureka, drains requests);
	 * SIGKILL after the timeout.
	 */
	public void stop(Duration timeout) {
		process.stop(timeout);
	}

	/** SIGKILL, as a crash or an OOM kill would: no shutdown hook runs. */
	public void kill() {
		process.kill();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	public long pid() {
		return process.pid();
	}

	public Instant startedAt() {
		return process.startedAt();
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
		return process.logFile();
	}

	public Map<String, String> environment() {
		return process.environment();
	}

	public String name() {
		return process.name();
	}

	public String logTail(int lines) {
		return process.logTail(lines);
	}

	@Override
	public String toString() {
		return name() + " (pid " + pid() + ", port " + port + ", management " + managementPort + ")";
	}

}
