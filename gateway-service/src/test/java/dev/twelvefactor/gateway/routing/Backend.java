package dev.twelvefactor.gateway.routing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A service instance behind the gateway. Answering, it returns its name for every path.
 * Frozen, it takes each request and never answers, as a SIGSTOPped process looks to its
 * callers (the kernel accepts the connection, nothing replies), its liveness probe
 * included. Records the API requests it got and their Idempotency-Keys.
 */
final class Backend implements AutoCloseable {

	private final HttpServer server;

	private final CountDownLatch frozen;

	/** The Idempotency-Key of every /api request (empty when it had none). */
	final List<String> keys = new CopyOnWriteArrayList<>();

	private Backend(String name, boolean frozen) {
		this.frozen = new CountDownLatch(frozen ? 1 : 0);
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		// A thread per request: a frozen request must not hold up the others.
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", exchange -> {
			if (exchange.getRequestURI().getPath().startsWith("/api/")) {
				String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
				keys.add(key == null ? "" : key);
			}
			exchange.getRequestBody().readAllBytes();
			try {
				this.frozen.await();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			byte[] body = ("{\"instance\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	static Backend answering(String name) {
		return new Backend(name, false);
	}

	static Backend frozen(String name) {
		return new Backend(name, true);
	}

	String uri() {
		return "http://127.0.0.1:" + port();
	}

	int port() {
		return server.getAddress().getPort();
	}

	int apiRequests() {
		return keys.size();
	}

	@Override
	public void close() {
		frozen.countDown();
		server.stop(0);
	}

}
