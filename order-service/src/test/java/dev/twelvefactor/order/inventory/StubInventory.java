package dev.twelvefactor.order.inventory;

import com.sun.net.httpserver.HttpServer;
import dev.twelvefactor.testsupport.Contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An inventory-service instance, found through discovery, that answers whatever it is
 * told to (a contract's response), and records what it got, the bearer token included.
 */
final class StubInventory {

	final HttpServer server;

	final AtomicInteger requests = new AtomicInteger();

	volatile Contract.Response response;

	volatile Map<String, String> headers = Map.of();

	/** Answers for the next requests, each once, before {@link #response} again. */
	final Queue<Answer> once = new ConcurrentLinkedQueue<>();

	final List<String> bearerTokens = new CopyOnWriteArrayList<>();

	volatile String lastMethod;

	volatile String lastPath;

	volatile String lastBody;

	volatile String lastAuthorization;

	StubInventory() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/", exchange -> {
			requests.incrementAndGet();
			lastMethod = exchange.getRequestMethod();
			lastPath = exchange.getRequestURI().getPath();
			lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
			bearerTokens.add(String.valueOf(lastBearerToken()));
			Answer next = once.poll();
			Contract.Response answer = next != null ? next.response() : response;
			(next != null ? next.headers() : headers)
				.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			String body = answer.bodyJson();
			if (body == null) {
				exchange.sendResponseHeaders(answer.status(), -1);
			}
			else {
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders()
					.add("Content-Type", answer.status() >= 400 ? "application/problem+json" : "application/json");
				exchange.sendResponseHeaders(answer.status(), bytes.length);
				exchange.getResponseBody().write(bytes);
			}
			exchange.close();
		});
		server.start();
	}

	void answer(Contract.Response next) {
		response = next;
		headers = Map.of();
		once.clear();
	}

	/** The next request only gets this answer. */
	void answerOnce(Contract.Response next, Map<String, String> withHeaders) {
		once.add(new Answer(next, withHeaders));
	}

	record Answer(Contract.Response response, Map<String, String> headers) {
	}

	String uri() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** The bearer token of the last request, without the scheme. */
	String lastBearerToken() {
		return lastAuthorization == null || !lastAuthorization.startsWith("Bearer ") ? null
				: lastAuthorization.substring("Bearer ".length());
	}

}
