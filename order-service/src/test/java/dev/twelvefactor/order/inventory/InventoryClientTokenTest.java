package dev.twelvefactor.order.inventory;

import dev.twelvefactor.order.order.Order;
import dev.twelvefactor.order.order.OrderRepository;
import dev.twelvefactor.order.order.OrderStatus;
import dev.twelvefactor.order.reconciliation.PendingOrderReconciler;
import dev.twelvefactor.support.loadbalancer.InstanceEjection;
import dev.twelvefactor.testsupport.Contract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.twelvefactor.order.Callers.alice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-service's access token for inventory-service: fetched from the token endpoint at
 * AUTH_URL (directly, not through the load balancer), cached, renewed when
 * inventory-service rejects it, fetched outside any web request too; and when it cannot
 * be had, the call fails exactly as when inventory-service is unreachable.
 */
class InventoryClientTokenTest extends StubInventoryTest {

	static final List<InventoryClient.RequestedLine> LINES = List.of(new InventoryClient.RequestedLine("KB-001", 2),
			new InventoryClient.RequestedLine("MS-002", 1));

	@Autowired
	MockMvcTester mvc;

	@Autowired
	OrderRepository orders;

	@Autowired
	PendingOrderReconciler reconciler;

	@Autowired
	InstanceEjection instanceEjection;

	@BeforeEach
	void inventoryReserves() {
		INVENTORY.answer(contract("reserve-all-lines").response());
	}

	@Test
	void asksTheTokenEndpointOnceAndSendsTheSameTokenWithEveryCall() {
		int tokenRequests = AUTH.tokenRequests();
		int calls = INVENTORY.requests.get();

		assertThat(client.reserve(UUID.randomUUID(), LINES)).isInstanceOf(ReservationResult.Reserved.class);
		assertThat(client.reserve(UUID.randomUUID(), LINES)).isInstanceOf(ReservationResult.Reserved.class);

		assertThat(AUTH.tokenRequests() - tokenRequests).as("token requests for two calls").isEqualTo(1);
		assertThat(AUTH.lastTokenRequest()).containsEntry("grant_type", "client_credentials")
			.containsEntry("scope", "inventory.reserve");
		List<String> sent = INVENTORY.bearerTokens.subList(calls, calls + 2);
		assertThat(sent.get(1)).isEqualTo(sent.get(0));
		assertThat(AUTH.verify(sent.get(0))).containsEntry("sub", "order-service");
	}

	@Test
	void theReconcilerGetsATokenOutsideAnyWebRequest() {
		UUID id = UUID.randomUUID();
		orders.insertPending(id, "alice",
				List.of(new Order.OrderLine("KB-001", 2, null), new Order.OrderLine("MS-002", 1, null)), Duration.ZERO);

		reconcileUntilDecided(id);

		assertThat(orders.findById(id).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(AUTH.verify(INVENTORY.lastBearerToken())).containsEntry("scope", "inventory.reserve");
	}

	@Test
	void aTokenInventoryServiceRejectsIsDroppedAndTheRetryFetchesANewOne() {
		client.reserve(UUID.randomUUID(), LINES);
		int tokenRequests = AUTH.tokenRequests();
		INVENTORY.answerOnce(new Contract.Response(401, null),
				Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));

		assertThat(client.reserve(UUID.randomUUID(), LINES)).isInstanceOf(ReservationResult.Reserved.class);

		assertThat(AUTH.tokenRequests() - tokenRequests).isEqualTo(1);
		List<String> sent = INVENTORY.bearerTokens;
		assertThat(sent.getLast()).isNotEqualTo(sent.get(sent.size() - 2));
	}

	@Test
	void aFailingTokenEndpointFailsTheCallAsAnUnreachableInventoryDoes() {
		AUTH.tokenEndpointAnswers(503);
		int calls = INVENTORY.requests.get();

		assertThat(client.reserve(UUID.randomUUID(), LINES)).isInstanceOf(ReservationResult.Unavailable.class);
		assertThat(client.release(UUID.randomUUID())).isFalse();

		assertThat(INVENTORY.requests.get()).as("calls that reached inventory-service without a token")
			.isEqualTo(calls);
	}

	@Test
	void withAuthServiceDownTheInventoryInstanceIsNotTakenForUnreachable() {
		AUTH.stop();

		assertThat(client.reserve(UUID.randomUUID(), LINES)).isInstanceOf(ReservationResult.Unavailable.class);

		int port = INVENTORY.server.getAddress().getPort();
		assertThat(instanceEjection
			.isEjected(new DefaultServiceInstance("stub", InventoryClient.NAME, "127.0.0.1", port, false))).isFalse();
		AUTH.restart();
		assertThat(client.reserve(UUID.randomUUID(), LINES)).isInstanceOf(ReservationResult.Reserved.class);
	}

	@Test
	void anOrderPlacedWhileAuthServiceIsDownStaysPendingAndIsFinishedLater() {
		AUTH.stop();

		MvcTestResult placed = mvc.post()
			.uri("/api/orders")
			.with(alice())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": 2}, {\"sku\": \"MS-002\", \"quantity\": 1}]}")
			.exchange();
		assertThat(placed).hasStatus(202).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
		String location = placed.getResponse().getHeader("Location");
		UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
		assertThat(mvc.post().uri("/api/orders/{id}/cancel", id).with(alice())).hasStatus(503)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.containsHeader("Retry-After");
		assertThat(orders.findById(id).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);

		AUTH.restart();
		reconcileUntilDecided(id);

		assertThat(orders.findById(id).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
	}

	/**
	 * The order may wait behind other tests' PENDING orders (the reconciler claims the
	 * longest-waiting first).
	 */
	private void reconcileUntilDecided(UUID id) {
		for (int pass = 0; pass < 20 && orders.findById(id).orElseThrow().status() == OrderStatus.PENDING; pass++) {
			reconciler.reconcile(true);
		}
	}

	private static Contract contract(String name) {
		return Contract.load(Path.of("../contracts/inventory-reservations"))
			.stream()
			.filter(contract -> contract.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
