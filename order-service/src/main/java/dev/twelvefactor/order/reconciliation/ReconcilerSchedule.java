package dev.twelvefactor.order.reconciliation;

import dev.twelvefactor.order.config.OrdersProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Runs the reconciler in every serving instance; admin processes run it on demand
 * instead. Scheduled here rather than with {@code @Scheduled}, so that the interval comes
 * from {@link OrdersProperties} with its one default.
 */
@Component
@ConditionalOnProperty(name = "platform.admin-task", havingValue = "none", matchIfMissing = true)
class ReconcilerSchedule implements SchedulingConfigurer {

	private final PendingOrderReconciler reconciler;

	private final Duration interval;

	ReconcilerSchedule(PendingOrderReconciler reconciler, OrdersProperties settings) {
		this.reconciler = reconciler;
		this.interval = settings.reconciler().interval();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::reconcileDueOrders, interval, interval));
	}

	/**
	 * Drains what is due for at most one interval: an instance asked to stop is seldom in
	 * the middle of a long run, whose claimed orders would wait out their claim.
	 */
	void reconcileDueOrders() {
		reconciler.drain(false, interval);
	}

}
