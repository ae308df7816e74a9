package dev.twelvefactor.order.order;

import dev.twelvefactor.order.config.OrdersProperties;
import dev.twelvefactor.order.inventory.InventoryClient;
import dev.twelvefactor.order.inventory.ReservationResult;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Places, reconciles and cancels orders. An order is stored as PENDING before
 * inventory-service is asked, so it is never lost: when no answer comes, it stays PENDING
 * and the reconciler finishes it. Each step is its own short transaction; no database
 * transaction is held open across a remote call.
 */
@Service
public class OrderService {

	private final OrderRepository orders;

	private final InventoryClient inventory;

	private final TransactionTemplate transaction;

	private final Duration placementGrace;

	public OrderService(OrderRepository orders, InventoryClient inventory, TransactionTemplate transaction,
			OrdersProperties settings) {
		this.orders = orders;
		this.inventory = inventory;
		this.transaction = transaction;
		this.placementGrace = settings.reconciler().placementGrace();
	}

	/**
	 * Stores the order of {@code owner} as PENDING; call inside the transaction that also
	 * claims its Idempotency-Key.
	 */
	public void storePending(UUID id, String owner, List<Order.OrderLine> lines) {
		orders.insertPending(id, owner, lines, placementGrace);
	}

	/**
	 * Asks inventory-service to reserve the order's stock and records the decision;
	 * PENDING if no answer came.
	 */
	public ReservationResult reserve(UUID id, List<Order.OrderLine> lines) {
		ReservationResult result = inventory.reserve(id,
				lines.stream().map(line -> new InventoryClient.RequestedLine(line.sku(), line.quantity())).toList());
		transaction.executeWithoutResult(status -> record(id, result));
		return result;
	}

	/**
	 * Records the decision a reservation result implies; an Unavailable result leaves the
	 * order PENDING.
	 */
	private void record(UUID id, ReservationResult result) {
		switch (result) {
			case ReservationResult.Reserved reserved -> orders.confirm(id, reserved.lines());
			case ReservationResult.InsufficientStock insufficient ->
				orders.reject(id, "Insufficient stock for " + String.join(", ", insufficient.skus()));
			case ReservationResult.UnknownProducts unknown ->
				orders.reject(id, "Unknown SKU " + String.join(", ", unknown.skus()));
			case ReservationResult.Released released -> orders.reject(id, "Cancelled before stock was reserved");
			case ReservationResult.Unavailable unavailable -> {
				// stays PENDING: the reconciler tries again
			}
		}
	}

	/**
	 * Cancels a PENDING or CONFIRMED order: releases its reservation first (idempotent,
	 * and also for a PENDING order, whose timed-out reservation may in fact have
	 * succeeded), then marks it CANCELLED. Cancelling a cancelled order changes nothing.
	 * Another owner's order is NOT_FOUND, as an unknown one is: nothing is released.
	 */
	public CancelOutcome cancel(UUID id, String owner) {
		Order order = orders.findOwned(id, owner).orElse(null);
		if (order == null) {
			return CancelOutcome.NOT_FOUND;
		}
		return switch (order.status()) {
			case CANCELLED -> CancelOutcome.CANCELLED;
			case REJECTED -> CancelOutcome.NOT_CANCELLABLE;
			case PENDING, CONFIRMED -> {
				if (!inventory.release(id)) {
					yield CancelOutcome.INVENTORY_UNAVAILABLE;
				}
				transaction.executeWithoutResult(status -> orders.cancel(id));
				// A reconciler that confirmed it meanwhile loses: cancel() also moves
				// CONFIRMED to CANCELLED.
				yield orders.findById(id).orElseThrow().status() == OrderStatus.CANCELLED ? CancelOutcome.CANCELLED
						: CancelOutcome.NOT_CANCELLABLE;
			}
		};
	}

	public enum CancelOutcome {

		CANCELLED, NOT_FOUND, NOT_CANCELLABLE, INVENTORY_UNAVAILABLE

	}

}
