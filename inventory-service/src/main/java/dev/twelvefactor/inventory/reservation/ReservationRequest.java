package dev.twelvefactor.inventory.reservation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Reserve every line of one order, or none. */
public record ReservationRequest(@NotNull UUID orderId,
		@NotEmpty @Size(max = ReservationRequest.MAX_LINES) List<@Valid @NotNull Line> lines) {

	// The hard bounds of order-service's API: whatever limits it is configured with live,
	// a reservation it sends is never refused for its size (a refusal would leave the
	// order PENDING for good).
	public static final int MAX_LINES = 100;

	public static final int MAX_QUANTITY = 100_000;

	public record Line(@NotBlank @Size(max = 64) String sku, @Positive @Max(MAX_QUANTITY) int quantity) {
	}
}
