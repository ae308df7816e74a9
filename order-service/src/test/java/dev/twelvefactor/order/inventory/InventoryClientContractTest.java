package dev.twelvefactor.order.inventory;

import dev.twelvefactor.testsupport.Contract;
import dev.twelvefactor.testsupport.TestAuthServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer side of contracts/inventory-reservations: the real InventoryClient (token,
 * load balancer, circuit breaker, retry) calls a stub inventory-service instance, found
 * through discovery, that answers as each example says. Every call carries
 * order-service's own access token, the one inventory-service's /internal/** asks for.
 */
class InventoryClientContractTest extends StubInventoryTest {

	static List<Contract> contracts() {
		return Contract.load(Path.of("../contracts/inventory-reservations"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("contracts")
	void sendsTheContractsRequestAndUnderstandsItsAnswer(Contract contract) throws Exception {
		INVENTORY.answer(contract.response());
		Contract.Request request = contract.request();

		Object understood = request.method().equals("DELETE")
				? (client.release(UUID.fromString(request.path().substring(request.path().lastIndexOf('/') + 1)))
						? new ReservationResult.Released() : null)
				: client.reserve(UUID.fromString(request.body().get("orderId").asString()), lines(request));

		assertThat(understood).isNotNull();
		assertThat(understood.getClass().getSimpleName()).isEqualTo(contract.meaning());
		assertThat(INVENTORY.lastMethod).isEqualTo(request.method());
		assertThat(INVENTORY.lastPath).isEqualTo(request.path());
		assertThat(AUTH.verify(INVENTORY.lastBearerToken())).containsEntry("sub", "order-service")
			.containsEntry("scope", "inventory.reserve")
			.containsEntry("aud", List.of(TestAuthServer.AUDIENCE));
		if (request.body() != null) {
			JSONAssert.assertEquals(request.bodyJson(), INVENTORY.lastBody, JSONCompareMode.STRICT);
		}
		if (understood instanceof ReservationResult.Reserved reserved) {
			JSONAssert.assertEquals(contract.response().body().get("lines").toString(),
					new JsonMapper().writeValueAsString(reserved.lines()), JSONCompareMode.STRICT);
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

}
