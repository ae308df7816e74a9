package dev.twelvefactor.order.reconciliation;

import dev.twelvefactor.order.config.OrdersProperties;
import dev.twelvefactor.order.inventory.ReservationResult;
import dev.twelvefactor.order.order.OrderPlacement;
import dev.twelvefactor.order.order.OrderRepository;
import dev.twelvefactor.order.order.OrderService;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Finishes PENDING orders: asks inventory-service again (the reservation is idempotent by
 * order id, so an earlier attempt that timed out but succeeded is simply found) until
 * each order is CONFIRMED or REJECTED. Every instance runs it; an order is claimed with
 * FOR UPDATE SKIP LOCKED, so no two instances work on it at once and none waits for
 * another (factors VI and VIII: the service stays stateless and scales out).
 */
@Component
public class PendingOrderReconciler {

	private static final Logger log = LoggerFactory.getLogger(PendingOrderReconciler.class);

	private final OrderRepository orders;

	private final OrderService orderService;

	private final TransactionTemplate transaction;

	private final int batchSize;

	private final Duration claim;

	private final Duration maxBackoff;

	private final ObservationRegistry observations;

	public PendingOrderReconciler(OrderRepository orders, OrderService orderService, TransactionTemplate transaction,
			OrdersProperties settings, ObservationRegistry observations) {
		this.observations = observations;
		this.orders = orders;
		this.orderService = orderService;
		this.transaction = transaction;
		this.batchSize = settings.reconciler().batchSize();
		this.claim = settings.reconciler().claim();
		this.maxBackoff = settings.reconciler().maxBackoff();
	}

	/** What one pass, or several, did. */
	public record Pass(int claimed, int decided, int stillPending) {

		Pass plus(Pass next) {
			return new Pass(claimed + next.claimed, decided + next.decided, stillPending + next.stillPending);
		}

	}

	/**
	 * Passes over the due PENDING orders ({@code evenIfNotDue}: all of them) one batch
	 * after another, for as long as each batch was full and inventory-service decided all
	 * of it, and at most {@code budget}: a backlog left by an outage or a burst drains at
	 * the pace inventory-service answers one call at a time, instead of one batch per
	 * interval (20 orders every 2 s per instance: more than a minute for the PENDING
	 * orders of a ten-second overload). A batch with an order inventory-service did not
	 * decide ends the run: those orders back off, and an outage is not hammered.
	 */
	public Pass drain(boolean evenIfNotDue, Duration budget) {
		long deadline = System.nanoTime() + budget.toNanos();
		Pass pass = reconcile(evenIfNotDue);
		Pass total = pass;
		while (pass.claimed() == batchSize && pass.stillPending() == 0 && System.nanoTime() - deadline < 0) {
			pass = reconcile(evenIfNotDue);
			total = total.plus(pass);
		}
		return total;
	}

	/**
	 * One pass over the due PENDING orders ({@code evenIfNotDue}: all of them, as the
	 * admin task does).
	 */
	public Pass reconcile(boolean evenIfNotDue) {
		List<UUID> claimed = transaction.execute(status -> orders.claimDuePending(batchSize, claim, evenIfNotDue));
		int decided = 0;
		for (UUID id : claimed) {
			// Each order's reconciliation is a trace of its own (its call to
			// inventory-service, its SQL), tagged with the order id as the request that
			// placed the order is: the trace store finds both by order.id.
			ReservationResult result = Observation.createNotStarted("orders.reconciliation", observations)
				.contextualName("reconcile order")
				.highCardinalityKeyValue(OrderPlacement.ORDER_ID_TAG, id.toString())
				.observe(() -> orderService.reserve(id, orders.lines(id)));
			if (result instanceof ReservationResult.Unavailable) {
				orders.retryLater(id, backoff(orders.attempts(id)));
			}
			else {
				decided++;
			}
		}
		if (!claimed.isEmpty()) {
			log.info("Reconciled {} PENDING orders: {} decided, {} still waiting for inventory-service", claimed.size(),
					decided, claimed.size() - decided);
		}
		return new Pass(claimed.size(), decided, claimed.size() - decided);
	}

	/**
	 * 1 s, 2 s, 4 s ... up to the maximum: an outage is not hammered, a short one is not
	 * waited out long.
	 */
	private Duration backoff(int attempts) {
		long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 10);
		return seconds > maxBackoff.toSeconds() ? maxBackoff : Duration.ofSeconds(seconds);
	}

}
