package dev.twelvefactor.support.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Asks an instance whether its process runs: {@code GET /actuator/health/liveness} on its
 * management port (Eureka metadata {@code management.port}; the service's own port when
 * it has none), open without credentials. Alive is any answer below 500 in time: a 404 or
 * 401 from a port without that endpoint still shows a running process, a 503 (liveness
 * DOWN) or no answer does not. A TCP connect would not do: the kernel accepts connections
 * for a frozen process.
 */
final class LivenessProbe implements AutoCloseable {

	/** Where Eureka instances publish their management port (config-repo). */
	static final String MANAGEMENT_PORT = "management.port";

	/**
	 * Half the probe interval, at most 500 ms: a frozen instance's probe is given up on
	 * before the next one starts, and a thawed one answers well within it.
	 */
	private final Duration timeout;

	private final HttpClient http;

	LivenessProbe(Duration probeInterval) {
		this.timeout = probeInterval.dividedBy(2).compareTo(Duration.ofMillis(500)) < 0 ? probeInterval.dividedBy(2)
				: Duration.ofMillis(500);
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	CompletableFuture<Boolean> isAlive(ServiceInstance instance) {
		HttpRequest request = HttpRequest.newBuilder(uri(instance)).timeout(timeout).GET().build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
			.thenApply(response -> response.statusCode() < 500)
			.exceptionally(noAnswer -> false);
	}

	static URI uri(ServiceInstance instance) {
		String managementPort = instance.getMetadata() == null ? null : instance.getMetadata().get(MANAGEMENT_PORT);
		int port = managementPort != null && managementPort.matches("\\d{1,5}") ? Integer.parseInt(managementPort)
				: instance.getPort();
		String host = instance.getHost().contains(":") ? "[" + instance.getHost() + "]" : instance.getHost();
		return URI
			.create((instance.isSecure() ? "https" : "http") + "://" + host + ":" + port + "/actuator/health/liveness");
	}

	@Override
	public void close() {
		http.shutdownNow();
	}

}
