package dev.twelvefactor.order.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Deletes Idempotency-Keys past their retention. Runs in every instance; concurrent deletes of the same rows are
 * harmless. Not in admin processes.
 */
@Component
@ConditionalOnProperty(name = "platform.admin-task", havingValue = "none", matchIfMissing = true)
class IdempotencyKeyCleanup {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

    private final IdempotencyKeys keys;
    private final Duration retention;

    IdempotencyKeyCleanup(IdempotencyKeys keys, @Value("${orders.idempotency.retention:24h}") Duration retention) {
        this.keys = keys;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${orders.idempotency.cleanup-interval:10m}", initialDelayString = "1m")
    void deleteExpiredKeys() {
        int deleted = keys.deleteOlderThan(retention);
        if (deleted > 0) {
            log.info("Deleted {} Idempotency-Keys older than {}", deleted, retention);
        }
    }
}
