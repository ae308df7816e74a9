package dev.twelvefactor.order.inventory;

import com.sun.net.httpserver.HttpServer;
import dev.twelvefactor.order.OrderIntegrationTest;
import dev.twelvefactor.testsupport.Contract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer side of contracts/inventory-reservations: the real InventoryClient (load
 * balancer, circuit breaker, retry) calls a stub inventory-service instance, found
 * through discovery, that answers as each example says.
 */
class InventoryClientContractTest extends OrderIntegrationTest {

	static final StubProvider PROVIDER = new StubProvider();

	@Autowired
	InventoryClient client;

	@DynamicPropertySource
	static void stubInstance(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", PROVIDER::uri);
	}

	@AfterAll
	static void stop() {
		PROVIDER.server.stop(0);
	}

	static List<Contract> contracts() {
		return Contract.load(Path.of("../contracts/inventory-reservations"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("contracts")
	void sendsTheContractsRequestAndUnderstandsItsAnswer(Contract contract) throws Exception {
		PROVIDER.answer(contract.response());
		Contract.Request request = contract.request();

		Object understood = request.method().equals("DELETE")
				? (client.release(UUID.fromString(request.path().substring(request.path().lastIndexOf('/') + 1)))
						? new ReservationResult.Released() : null)
				: client.reserve(UUID.fromString(request.body().get("orderId").asString()), lines(request));

		assertThat(understood).isNotNull();
		assertThat(understood.getClass().getSimpleName()).isEqualTo(contract.meaning());
		assertThat(PROVIDER.lastMethod).isEqualTo(request.method());
		assertThat(PROVIDER.lastPath).isEqualTo(request.path());
		if (request.body() != null) {
			JSONAssert.assertEquals(request.bodyJson(), PROVIDER.lastBody, JSONCompareMode.STRICT);
		}
		if (understood instanceof ReservationResult.Reserved reserved) {
			JSONAssert.assertEquals(contract.response().body().get("lines").toString(),
					new tools.jackson.databind.json.JsonMapper().writeValueAsString(reserved.lines()),
					JSONCompareMode.STRICT);
		}
	}

	private static List<InventoryClient.RequestedLine> lines(Contract.Request request) {
		List<InventoryClient.RequestedLine> lines = new ArrayList<>();
		request.body()
			.get("lines")
			.forEach(line -> lines
				.add(new InventoryClient.RequestedLine(line.get("sku").asString(), line.get("quantity").asInt())));
		return lines;
	}

	/**
	 * An inventory-service instance that answers whatever the current contract says, and
	 * records what it got.
	 */
	static final class StubProvider {

		final HttpServer server;

		volatile Contract.Response response;

		volatile String lastMethod;

		volatile String lastPath;

		volatile String lastBody;

		StubProvider() {
			try {
				server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			server.createContext("/", exchange -> {
				lastMethod = exchange.getRequestMethod();
				lastPath = exchange.getRequestURI().getPath();
				lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				String body = response.bodyJson();
				if (body == null) {
					exchange.sendResponseHeaders(response.status(), -1);
				}
				else {
					byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders()
						.add("Content-Type",
								response.status() >= 400 ? "application/problem+json" : "application/json");
					exchange.sendResponseHeaders(response.status(), bytes.length);
					exchange.getResponseBody().write(bytes);
				}
				exchange.close();
			});
			server.start();
		}

		void answer(Contract.Response next) {
			response = next;
		}

		String uri() {
			return "http://127.0.0.1:" + server.getAddress().getPort();
		}

	}

}
