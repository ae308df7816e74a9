package dev.twelvefactor.order.reconciliation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the reconciler in every serving instance; admin processes run it on demand instead. */
@Component
@ConditionalOnProperty(name = "platform.admin-task", havingValue = "none", matchIfMissing = true)
class ReconcilerSchedule {

    private final PendingOrderReconciler reconciler;

    ReconcilerSchedule(PendingOrderReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Scheduled(fixedDelayString = "${orders.reconciler.interval:2s}", initialDelayString = "${orders.reconciler.interval:2s}")
    void reconcileDueOrders() {
        reconciler.reconcile(false);
    }
}
