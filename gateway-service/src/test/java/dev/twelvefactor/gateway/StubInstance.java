package dev.twelvefactor.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service instance behind the gateway: answers every request with its own name and
 * counts what it got.
 */
final class StubInstance implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private volatile int status = 200;

	private volatile Headers lastHeaders = new Headers();

	private StubInstance(String name) throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			requests.incrementAndGet();
			lastHeaders = exchange.getRequestHeaders();
			exchange.getRequestBody().readAllBytes();
			byte[] body = ("{\"instance\":\"" + name + "\",\"path\":\"" + exchange.getRequestURI().getPath()
					+ "\",\"host\":\"" + exchange.getRequestHeaders().getFirst("Host") + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	static StubInstance start(String name) {
		try {
			return new StubInstance(name);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A port where nothing listens: what a killed instance looks like until discovery
	 * drops it.
	 */
	static int deadPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	int requests() {
		return requests.get();
	}

	/** A header of the last request this instance got; null if it had none. */
	String lastHeader(String name) {
		return lastHeaders.getFirst(name);
	}

	void answer(int status) {
		this.status = status;
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
