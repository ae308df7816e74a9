package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.net.Ports;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.LaunchCommand;
import dev.twelvefactor.launcher.Pause;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Spring Cloud Gateway as it comes (the vanilla-gateway module: one route through Eureka
 * and the load balancer, no filter of ours), started beside the platform with the flags
 * and the kind of AOT cache gateway-service has: the floor the technology sets on this
 * machine, which gateway-service is measured against.
 */
final class VanillaGateway implements AutoCloseable {

	static final String MODULE = "vanilla-gateway";

	private final Process process;

	private final int port;

	private VanillaGateway(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** The jar the build made, if it did (absent: the report has no vanilla row). */
	static Optional<Path> jar(Path home) {
		Path extracted = home.resolve(MODULE).resolve("target").resolve("app").resolve(MODULE + ".jar");
		return Files.isRegularFile(extracted) ? Optional.of(extracted) : Optional.empty();
	}

	/**
	 * Starts it and waits until it routes the benchmark's read: after its first registry
	 * fetch from the platform's Eureka.
	 */
	static VanillaGateway start(Path jar, LocalPlatform platform, LaunchCommand launch, Path log) {
		int port = Ports.free();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(launch.jvmFlags());
		Path cache = jar.resolveSibling(MODULE + ".aot");
		if (Files.isRegularFile(cache)) {
			command.addAll(List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=auto"));
		}
		command.addAll(List.of("-jar", jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("PORT", Integer.toString(port));
		// Eureka asks every reader for its user; the URL carries it, as EUREKA_URL
		// does for the services.
		builder.environment()
			.put("EUREKA_URL", platform.eurekaUrl()
				.replace("http://", "http://eureka:" + platform.secrets().eureka().password() + "@"));
		try {
			Files.createDirectories(log.getParent());
			VanillaGateway gateway = new VanillaGateway(builder.start(), port);
			gateway.awaitRouting(Duration.ofSeconds(90), log);
			return gateway;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not start the vanilla gateway", e);
		}
	}

	URI url(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	long pid() {
		return process.pid();
	}

	private void awaitRouting(Duration timeout, Path log) {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest read = HttpRequest.newBuilder(url(Endpoints.PRODUCT)).timeout(Duration.ofSeconds(2)).build();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The vanilla gateway exited at once; see " + log);
			}
			try {
				if (http.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// Not listening yet.
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			Pause.sleep(Duration.ofMillis(250));
		}
		close();
		throw new IllegalStateException("The vanilla gateway did not route within " + timeout + "; see " + log);
	}

	/** SIGTERM: Spring's graceful shutdown; SIGKILL after 15 s. */
	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(15, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
