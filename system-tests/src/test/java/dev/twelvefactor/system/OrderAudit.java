package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.loadgen.LoadResults;
import dev.twelvefactor.postgres.DatabaseCredentials;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * What happened to the orders of a scenario, read from order-service's database once
 * every PENDING order was reconciled: orders a client was told about but that are not
 * there (lost), keys answered with two orders or orders without their key (duplicates),
 * orders without lines (half written), and whether the stock invariant holds.
 */
record OrderAudit(long accepted, long lost, long duplicates, long halfWritten, boolean invariantHolds,
		Duration reconciledAfter) {

	static OrderAudit of(LocalPlatform platform, LoadResults results, Instant since) {
		Instant waitFrom = Instant.now();
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> StockInvariant.ordersIn(platform, "PENDING") == 0);
		Duration reconciledAfter = Duration.between(waitFrom, Instant.now());

		Map<String, Set<String>> ordersByKey = results.ordersByKey();
		Set<String> answered = new HashSet<>();
		ordersByKey.values().forEach(answered::addAll);
		Set<String> stored = new HashSet<>();
		long[] orphans = new long[1];
		long[] withoutLines = new long[1];
		query(platform.database(Service.ORDER), """
				select o.id::text,
				       not exists (select 1 from idempotency_key k where k.order_id = o.id),
				       not exists (select 1 from order_line l where l.order_id = o.id)
				from orders o where o.created_at >= ?""", since, row -> {
			stored.add(row.getString(1));
			orphans[0] += row.getBoolean(2) ? 1 : 0;
			withoutLines[0] += row.getBoolean(3) ? 1 : 0;
		});
		long lost = answered.stream().filter(id -> !stored.contains(id)).count();
		long keysWithTwoOrders = ordersByKey.values().stream().filter(ids -> ids.size() > 1).count();
		boolean invariant = StockInvariant.reservedBySku(platform)
			.equals(StockInvariant.expectedReservedBySku(platform))
				&& StockInvariant.stock(platform)
					.values()
					.stream()
					.allMatch(stock -> stock.reserved() <= stock.onHand());
		return new OrderAudit(answered.size(), lost, keysWithTwoOrders + orphans[0], withoutLines[0], invariant,
				reconciledAfter);
	}

	private static void query(DatabaseCredentials database, String sql, Instant since,
			StockInvariant.RowHandler handler) {
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password()); var statement = connection.prepareStatement(sql)) {
			statement.setTimestamp(1, Timestamp.from(since));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					handler.handle(rows);
				}
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}
}
