package dev.twelvefactor.support.loadbalancer;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * An instance's management port for probes: answers {@code GET /actuator/health/liveness}
 * with a status, or, frozen, reads the request and never answers (as a SIGSTOPped process
 * looks to its callers: the kernel accepts the connection, nothing replies) until thawed.
 */
final class LivenessServer implements AutoCloseable {

	private final HttpServer server;

	final List<String> paths = new CopyOnWriteArrayList<>();

	private volatile CountDownLatch frozen = new CountDownLatch(0);

	private volatile int status = 200;

	LivenessServer() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", exchange -> {
			paths.add(exchange.getRequestURI().getPath());
			try {
				frozen.await();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
	}

	int port() {
		return server.getAddress().getPort();
	}

	void freeze() {
		frozen = new CountDownLatch(1);
	}

	void thaw() {
		frozen.countDown();
	}

	void answer(int status) {
		this.status = status;
	}

	@Override
	public void close() {
		thaw();
		server.stop(0);
	}

}
