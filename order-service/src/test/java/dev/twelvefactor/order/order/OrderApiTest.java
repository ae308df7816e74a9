package dev.twelvefactor.order.order;

import dev.twelvefactor.order.OrderIntegrationTest;
import dev.twelvefactor.order.inventory.InventoryClient;
import dev.twelvefactor.order.inventory.ReservationResult;
import dev.twelvefactor.order.inventory.ReservedLine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static dev.twelvefactor.order.Callers.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/**
 * The order API on the real database; inventory-service's answers are played by a mock of
 * its client.
 */
@AutoConfigureMockMvc
class OrderApiTest extends OrderIntegrationTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@MockitoBean
	InventoryClient inventory;

	@Test
	void reservedStockConfirmsTheOrderWithPricesAndTotal() {
		given(inventory.reserve(any(), any()))
			.willReturn(new ReservationResult.Reserved(List.of(new ReservedLine("KB-001", 2, new BigDecimal("89.90")),
					new ReservedLine("MS-002", 1, new BigDecimal("24.50")))));

		MvcTestResult result = place("""
				{"lines": [{"sku": "KB-001", "quantity": 2}, {"sku": "MS-002", "quantity": 1}]}""");

		assertThat(result).hasStatus(201)
			.headers()
			.hasHeaderSatisfying("Location",
					values -> assertThat(values.getFirst()).matches(".*/api/orders/[0-9a-f-]{36}"));
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("CONFIRMED");
		assertThat(result).bodyJson().extractingPath("$.total").isEqualTo(204.30);
		String location = result.getResponse().getHeader("Location");
		assertThat(mvc.get().uri(location.substring(location.indexOf("/api/"))).with(alice())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.lines[0].unitPrice")
			.isEqualTo(89.90);
	}

	@Test
	void anUnavailableInventoryLeavesTheOrderPendingNotLost() {
		given(inventory.reserve(any(), any())).willReturn(new ReservationResult.Unavailable("circuit open"));

		MvcTestResult result = place("""
				{"lines": [{"sku": "KB-001", "quantity": 1}]}""");

		assertThat(result).hasStatus(202).headers().containsHeader("Location");
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
		assertThat(result).bodyJson().extractingPath("$.total").isNull();
	}

	@Test
	void insufficientStockIsA409ProblemNamingTheSkus() {
		given(inventory.reserve(any(), any())).willReturn(new ReservationResult.InsufficientStock(List.of("MN-003")));

		MvcTestResult result = place("""
				{"lines": [{"sku": "MN-003", "quantity": 500}]}""");

		assertThat(result).hasStatus(409).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.skus").asArray().containsExactly("MN-003");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("MN-003");
	}

	@Test
	void badInputIsA400ProblemAndStoresNothing() {
		long before = orderCount();
		for (String body : List.of("{\"lines\": []}", "{}", "{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": 0}]}",
				"{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": 1000000}]}",
				"{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": \"two\"}]}", "{\"lines\": [{\"quantity\": 1}]}",
				"{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": 1}, {\"sku\": \"KB-001\", \"quantity\": 2}]}",
				"{\"lines\": [{\"sku\": \"KB-001\", ", "not json")) {
			assertThat(place(body)).as(body)
				.hasStatus(400)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.extractingPath("$.detail")
				.isNotNull();
		}
		assertThat(orderCount()).isEqualTo(before);
	}

	@Test
	void aMissingIdempotencyKeyIsA400Problem() {
		assertThat(mvc.post()
			.uri("/api/orders")
			.with(alice())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": 1}]}")).hasStatus(400)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("Idempotency-Key");
		assertThat(place("has spaces", "{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": 1}]}")).hasStatus(400);
	}

	@Test
	void anOversizedBodyIsA413Problem() {
		String huge = "{\"lines\": [{\"sku\": \"" + "X".repeat(70_000) + "\", \"quantity\": 1}]}";
		assertThat(place(huge)).hasStatus(413).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void tooManyLinesIsA400Problem() {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i <= 50; i++) {
			lines.append(i == 0 ? "" : ",").append("{\"sku\": \"SKU-").append(i).append("\", \"quantity\": 1}");
		}
		assertThat(place("{\"lines\": [" + lines + "]}")).hasStatus(400);
	}

	@Test
	void anUnknownOrderIsA404Problem() {
		assertThat(mvc.get().uri("/api/orders/6f1c1a52-0000-4000-8000-000000000000").with(alice())).hasStatus(404)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(mvc.get().uri("/api/orders/not-a-uuid").with(alice())).hasStatus(400)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void listsOrdersFilteredByStatus() {
		given(inventory.reserve(any(), any())).willReturn(new ReservationResult.Unavailable("down"));
		place("{\"lines\": [{\"sku\": \"HS-004\", \"quantity\": 1}]}");

		assertThat(mvc.get().uri("/api/orders?status=PENDING&size=100").with(alice())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.content[*].status")
			.asArray()
			.isNotEmpty()
			.containsOnly("PENDING");
		assertThat(mvc.get().uri("/api/orders?status=NONSENSE").with(alice())).hasStatus(400);
	}

	private MvcTestResult place(String body) {
		return place(UUID.randomUUID().toString(), body);
	}

	private MvcTestResult place(String key, String body) {
		return mvc.post()
			.uri("/api/orders")
			.with(alice())
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private long orderCount() {
		return jdbc.sql("select count(*) from orders").query(Long.class).single();
	}

}
