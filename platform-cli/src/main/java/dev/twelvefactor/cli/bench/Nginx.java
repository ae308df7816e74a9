package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.Executables;
import dev.twelvefactor.launcher.Pause;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * nginx as a plain reverse proxy in front of one instance: the yardstick for what a proxy
 * hop costs, to compare the gateway with. Runs in the foreground as a child of the
 * launcher, its files under the bench data folder.
 */
final class Nginx implements AutoCloseable {

	private final Process process;

	private final int port;

	private Nginx(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Debian installs nginx in /usr/sbin, which is not on every user's PATH. */
	static Optional<Path> binary() {
		return Executables.find(List.of("/usr/sbin"), "nginx");
	}

	static Nginx start(Path binary, Path directory, Path pidFile, int port, int upstreamPort) {
		try {
			Files.createDirectories(directory);
			Path conf = directory.resolve("nginx.conf");
			Files.writeString(conf, config(directory, pidFile, port, upstreamPort));
			// -e: the error log from the first line on (nginx otherwise opens its
			// packaged log path before the config).
			Process process = new ProcessBuilder(binary.toString(), "-p", directory.toString(), "-e",
					directory.resolve("error.log").toString(), "-c", conf.toString(), "-g", "daemon off;")
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("nginx.out").toFile())
				.start();
			Nginx nginx = new Nginx(process, port);
			nginx.awaitListening(Duration.ofSeconds(15), directory);
			return nginx;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not start nginx", e);
		}
	}

	/**
	 * The usual proxy set-up: keep-alive connections to the upstream (HTTP/1.1, no
	 * "Connection: close"), no access log (the gateway writes none either), one worker
	 * per core like the gateway's event loops.
	 */
	static String config(Path directory, Path pidFile, int port, int upstreamPort) {
		return """
				worker_processes auto;
				pid %2$s;
				error_log %1$s/error.log warn;
				events { worker_connections 1024; }
				http {
				    access_log off;
				    client_body_temp_path %1$s/client_body;
				    proxy_temp_path %1$s/proxy;
				    fastcgi_temp_path %1$s/fastcgi;
				    uwsgi_temp_path %1$s/uwsgi;
				    scgi_temp_path %1$s/scgi;
				    keepalive_requests 100000;
				    upstream instance {
				        server 127.0.0.1:%4$d;
				        keepalive 64;
				        keepalive_requests 100000;
				    }
				    server {
				        listen 127.0.0.1:%3$d;
				        location / {
				            proxy_pass http://instance;
				            proxy_http_version 1.1;
				            proxy_set_header Connection "";
				            proxy_set_header Host $host;
				        }
				    }
				}
				""".formatted(directory, pidFile, port, upstreamPort);
	}

	/** The master and its workers, whose CPU time together is nginx's. */
	List<Long> pids() {
		return Stream.concat(Stream.of(process.toHandle()), process.descendants()).map(ProcessHandle::pid).toList();
	}

	URI url(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	static String version(Path binary) {
		try {
			Process nginx = new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
			String output = new String(nginx.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			nginx.waitFor();
			return output.replace("nginx version: ", "");
		}
		catch (IOException e) {
			return "nginx (version unknown)";
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "nginx (version unknown)";
		}
	}

	private void awaitListening(Duration timeout, Path directory) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("nginx exited at once; see " + directory.resolve("error.log") + " and "
						+ directory.resolve("nginx.out"));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException notYet) {
				Pause.sleep(Duration.ofMillis(100));
			}
		}
		close();
		throw new IllegalStateException("nginx did not listen on port " + port + " within " + timeout);
	}

	/** SIGTERM: nginx's fast shutdown, the workers with it. */
	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
