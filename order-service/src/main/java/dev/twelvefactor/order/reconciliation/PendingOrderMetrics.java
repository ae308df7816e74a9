package dev.twelvefactor.order.reconciliation;

import dev.twelvefactor.order.config.OrdersProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code orders_pending} and {@code orders_pending_oldest_age_seconds}: how many orders
 * wait for inventory-service and for how long. Read from the database every few seconds
 * (not on each scrape), so every instance reports the same shared figures; dashboards
 * take the max per application.
 */
@Component
@ConditionalOnProperty(name = "platform.admin-task", havingValue = "none", matchIfMissing = true)
class PendingOrderMetrics implements SchedulingConfigurer {

	private final JdbcClient jdbc;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong oldestAgeSeconds = new AtomicLong();

	private final Duration interval;

	PendingOrderMetrics(JdbcClient jdbc, MeterRegistry registry, OrdersProperties settings) {
		this.jdbc = jdbc;
		this.interval = settings.metrics().interval();
		Gauge.builder("orders.pending", pending, AtomicLong::get)
			.description("Orders stored as PENDING, waiting for inventory-service")
			.register(registry);
		Gauge.builder("orders.pending.oldest.age", oldestAgeSeconds, AtomicLong::get)
			.baseUnit("seconds")
			.description("Age of the oldest PENDING order")
			.register(registry);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::refresh, interval);
	}

	void refresh() {
		jdbc.sql(
				"select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from orders where status = 'PENDING'")
			.query((row, number) -> {
				pending.set(row.getLong(1));
				oldestAgeSeconds.set((long) row.getDouble(2));
				return null;
			})
			.list();
	}

}
