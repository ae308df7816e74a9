package dev.twelvefactor.order.admin;

import dev.twelvefactor.order.order.OrderRepository;
import dev.twelvefactor.order.reconciliation.PendingOrderReconciler;
import dev.twelvefactor.support.admin.AdminTask;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * {@code admin reconcile}: one pass over every PENDING order, due or not, beside the
 * running instances (which skip the orders it claims). Exit code 0 when no order is left
 * PENDING, 1 otherwise.
 */
@Component
class ReconcileTask implements AdminTask {

	/**
	 * A one-off process: it may take its time, but ends even if new orders keep going
	 * PENDING while it runs.
	 */
	static final Duration BUDGET = Duration.ofMinutes(5);

	private final PendingOrderReconciler reconciler;

	private final OrderRepository orders;

	ReconcileTask(PendingOrderReconciler reconciler, OrderRepository orders) {
		this.reconciler = reconciler;
		this.orders = orders;
	}

	@Override
	public String name() {
		return "reconcile";
	}

	@Override
	public String usage() {
		return "   try every PENDING order once more; exit code 1 when some stay PENDING";
	}

	@Override
	public int run(List<String> arguments) {
		PendingOrderReconciler.Pass pass = reconciler.drain(true, BUDGET);
		long pending = orders.countPending();
		System.out.printf("Tried %d PENDING orders: %d confirmed or rejected; %d PENDING now%n", pass.claimed(),
				pass.decided(), pending);
		return pending == 0 ? OK : FAILED;
	}

}
