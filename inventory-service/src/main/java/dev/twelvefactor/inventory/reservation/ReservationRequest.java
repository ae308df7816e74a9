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

    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 10_000;

    public record Line(@NotBlank @Size(max = 64) String sku, @Positive @Max(MAX_QUANTITY) int quantity) {
    }
}
