package dev.twelvefactor.order.order;

import dev.twelvefactor.order.OrderIntegrationTest;
import dev.twelvefactor.order.inventory.InventoryClient;
import dev.twelvefactor.order.inventory.ReservationResult;
import dev.twelvefactor.order.inventory.ReservedLine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static dev.twelvefactor.order.Callers.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

@AutoConfigureMockMvc
class CancelTest extends OrderIntegrationTest {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	InventoryClient inventory;

	@Test
	void cancellingReleasesTheStockAndTwiceIsLikeOnce() {
		given(inventory.reserve(any(), any())).willReturn(
				new ReservationResult.Reserved(List.of(new ReservedLine("HS-004", 1, new BigDecimal("59.00")))));
		given(inventory.release(any())).willReturn(true);
		UUID id = place();

		assertThat(mvc.post().uri("/api/orders/{id}/cancel", id).with(alice())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CANCELLED");
		assertThat(mvc.post().uri("/api/orders/{id}/cancel", id).with(alice())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CANCELLED");
		verify(inventory, times(1)).release(id);
	}

	@Test
	void cancellingAPendingOrderAlsoReleasesByOrderId() {
		given(inventory.reserve(any(), any())).willReturn(new ReservationResult.Unavailable("timeout"));
		given(inventory.release(any())).willReturn(true);
		UUID id = place();

		assertThat(mvc.post().uri("/api/orders/{id}/cancel", id).with(alice())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CANCELLED");
		verify(inventory).release(id);
	}

	@Test
	void withInventoryUnavailableTheOrderStaysAsItWasAndTheAnswerIs503() {
		given(inventory.reserve(any(), any())).willReturn(
				new ReservationResult.Reserved(List.of(new ReservedLine("HS-004", 1, new BigDecimal("59.00")))));
		given(inventory.release(any())).willReturn(false);
		UUID id = place();

		assertThat(mvc.post().uri("/api/orders/{id}/cancel", id).with(alice())).hasStatus(503)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.containsHeader("Retry-After");
		assertThat(mvc.get().uri("/api/orders/{id}", id).with(alice())).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CONFIRMED");
	}

	@Test
	void aRejectedOrUnknownOrderCannotBeCancelled() throws Exception {
		given(inventory.reserve(any(), any())).willReturn(new ReservationResult.InsufficientStock(List.of("HS-004")));
		String location = mvc.post()
			.uri("/api/orders")
			.with(alice())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"lines\":[{\"sku\":\"HS-004\",\"quantity\":1}]}")
			.exchange()
			.getResponse()
			.getContentAsString()
			.replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1");

		assertThat(mvc.post().uri("/api/orders/{id}/cancel", location).with(alice())).hasStatus(409);
		assertThat(mvc.post().uri("/api/orders/{id}/cancel", UUID.randomUUID()).with(alice())).hasStatus(404);
	}

	private UUID place() {
		String location = mvc.post()
			.uri("/api/orders")
			.with(alice())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"lines\":[{\"sku\":\"HS-004\",\"quantity\":1}]}")
			.exchange()
			.getResponse()
			.getHeader("Location");
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

}
