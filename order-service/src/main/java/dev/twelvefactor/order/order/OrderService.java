package dev.twelvefactor.order.order;

import dev.twelvefactor.order.inventory.InventoryClient;
import dev.twelvefactor.order.inventory.ReservationResult;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

/**
 * Places orders. The order is stored as PENDING before inventory-service is asked, so it is never lost: when the
 * answer does not come, it stays PENDING and is finished later. Each step is its own short transaction; no
 * database transaction is held open across the remote call.
 */
@Service
public class OrderService {

    private final OrderRepository orders;
    private final InventoryClient inventory;
    private final TransactionTemplate transaction;

    public OrderService(OrderRepository orders, InventoryClient inventory, TransactionTemplate transaction) {
        this.orders = orders;
        this.inventory = inventory;
        this.transaction = transaction;
    }

    public Placement place(List<Order.OrderLine> lines) {
        UUID id = UUID.randomUUID();
        transaction.executeWithoutResult(status -> orders.insertPending(id, lines));
        ReservationResult result = inventory.reserve(id, lines.stream()
                .map(line -> new InventoryClient.RequestedLine(line.sku(), line.quantity())).toList());
        transaction.executeWithoutResult(status -> apply(id, result));
        return new Placement(orders.findById(id).orElseThrow(), result);
    }

    /** Records the decision the reservation result implies; an Unavailable result leaves the order PENDING. */
    private void apply(UUID id, ReservationResult result) {
        switch (result) {
            case ReservationResult.Reserved reserved -> orders.confirm(id, reserved.lines());
            case ReservationResult.InsufficientStock insufficient ->
                    orders.reject(id, "Insufficient stock for " + String.join(", ", insufficient.skus()));
            case ReservationResult.UnknownProducts unknown ->
                    orders.reject(id, "Unknown SKU " + String.join(", ", unknown.skus()));
            case ReservationResult.Released released -> orders.reject(id, "Cancelled before stock was reserved");
            case ReservationResult.Unavailable unavailable -> {
                // stays PENDING
            }
        }
    }

    public record Placement(Order order, ReservationResult result) {
    }
}
