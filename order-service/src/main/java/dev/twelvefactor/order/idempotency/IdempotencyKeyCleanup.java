package dev.twelvefactor.order.idempotency;

import dev.twelvefactor.order.config.OrdersProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Deletes Idempotency-Keys past their retention. Runs in every instance; concurrent
 * deletes of the same rows are harmless. Not in admin processes. The first run waits a
 * minute: a starting instance has more urgent work.
 */
@Component
@ConditionalOnProperty(name = "platform.admin-task", havingValue = "none", matchIfMissing = true)
class IdempotencyKeyCleanup implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

	private final IdempotencyKeys keys;

	private final Duration retention;

	private final Duration interval;

	IdempotencyKeyCleanup(IdempotencyKeys keys, OrdersProperties settings) {
		this.keys = keys;
		this.retention = settings.idempotency().retention();
		this.interval = settings.idempotency().cleanupInterval();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::deleteExpiredKeys, interval, Duration.ofMinutes(1)));
	}

	void deleteExpiredKeys() {
		int deleted = keys.deleteOlderThan(retention);
		if (deleted > 0) {
			log.info("Deleted {} Idempotency-Keys older than {}", deleted, retention);
		}
	}

}
