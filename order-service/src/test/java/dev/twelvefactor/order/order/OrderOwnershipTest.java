package dev.twelvefactor.order.order;

import dev.twelvefactor.order.OrderIntegrationTest;
import dev.twelvefactor.order.inventory.InventoryClient;
import dev.twelvefactor.order.inventory.ReservationResult;
import dev.twelvefactor.order.inventory.ReservedLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static dev.twelvefactor.order.Callers.alice;
import static dev.twelvefactor.order.Callers.bob;
import static dev.twelvefactor.order.Callers.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * Orders belong to the subject of the token that placed them: nobody else reads, lists or
 * cancels them, and to anybody else they do not exist.
 */
@AutoConfigureMockMvc
class OrderOwnershipTest extends OrderIntegrationTest {

	static final String BODY = "{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": 1}]}";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@MockitoBean
	InventoryClient inventory;

	@BeforeEach
	void inventoryReserves() {
		given(inventory.reserve(any(), any())).willReturn(
				new ReservationResult.Reserved(List.of(new ReservedLine("KB-001", 1, new BigDecimal("89.90")))));
		given(inventory.release(any())).willReturn(true);
	}

	@Test
	void theOwnerIsTheTokensSubject() {
		UUID id = place(alice());

		assertThat(jdbc.sql("select owner from orders where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("alice");
	}

	@Test
	void anotherOwnersOrderIsNotFoundExactlyAsAnUnknownOneIs() throws Exception {
		UUID alices = place(alice());
		UUID unknown = UUID.randomUUID();

		MvcTestResult asBob = mvc.get().uri("/api/orders/{id}", alices).with(bob()).exchange();
		MvcTestResult unknownAsBob = mvc.get().uri("/api/orders/{id}", unknown).with(bob()).exchange();

		assertThat(asBob).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		// The same answer, but for the trace id, which names each request.
		assertThat(withoutTraceId(asBob).replace(alices.toString(), "ID"))
			.isEqualTo(withoutTraceId(unknownAsBob).replace(unknown.toString(), "ID"));
		assertThat(mvc.get().uri("/api/orders/{id}", alices).with(alice())).hasStatusOk();
	}

	@Test
	void anotherOwnersOrderCannotBeCancelledAndKeepsItsStock() {
		UUID alices = place(alice());

		assertThat(mvc.post().uri("/api/orders/{id}/cancel", alices).with(bob())).hasStatus(404)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Order not found");

		verify(inventory, never()).release(any());
		assertThat(mvc.get().uri("/api/orders/{id}", alices).with(alice())).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CONFIRMED");
	}

	@Test
	void theListShowsOnlyTheCallersOrders() {
		RequestPostProcessor carol = caller("carol-" + UUID.randomUUID(), "orders.read", "orders.write");
		RequestPostProcessor dave = caller("dave-" + UUID.randomUUID(), "orders.read", "orders.write");
		UUID first = place(carol);
		UUID second = place(carol);
		UUID daves = place(dave);

		assertThat(mvc.get().uri("/api/orders?size=100").with(carol)).hasStatusOk().bodyJson().satisfies(page -> {
			assertThat(page).extractingPath("$.totalElements").isEqualTo(2);
			assertThat(page).extractingPath("$.content[*].id")
				.asArray()
				.containsExactly(second.toString(), first.toString());
		});
		assertThat(mvc.get().uri("/api/orders?status=CONFIRMED").with(dave)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.content[*].id")
			.asArray()
			.containsExactly(daves.toString());
		assertThat(mvc.get().uri("/api/orders").with(caller("erin-" + UUID.randomUUID(), "orders.read"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.totalElements")
			.isEqualTo(0);
	}

	@Test
	void aTokenWithoutASubjectCannotOwnOrders() {
		assertThat(mvc.post()
			.uri("/api/orders")
			.with(jwt().jwt(token -> token.claims(claims -> claims.remove("sub")))
				.authorities(new SimpleGrantedAuthority("SCOPE_orders.write")))
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.content(BODY)).hasStatus(403).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private UUID place(RequestPostProcessor caller) {
		MvcTestResult result = mvc.post()
			.uri("/api/orders")
			.with(caller)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.content(BODY)
			.exchange();
		assertThat(result).hasStatus(201);
		String location = result.getResponse().getHeader("Location");
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	private static String withoutTraceId(MvcTestResult result) throws Exception {
		return result.getResponse().getContentAsString().replaceAll("\"traceId\":\"[0-9a-f]+\"", "\"traceId\":\"\"");
	}

}
