package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.postgres.DatabaseCredentials;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stock invariant, read straight from both services' databases: when no order is
 * PENDING, every SKU's reserved quantity is the sum of its quantities on CONFIRMED
 * orders, and never more than is on hand.
 */
final class StockInvariant {

	private StockInvariant() {
	}

	record Stock(int onHand, int reserved) {
	}

	static Map<String, Stock> stock(LocalPlatform platform) {
		Map<String, Stock> stock = new TreeMap<>();
		query(platform.database(Service.INVENTORY), "select sku, on_hand, reserved from product",
				row -> stock.put(row.getString(1), new Stock(row.getInt(2), row.getInt(3))));
		return stock;
	}

	static Map<String, Integer> confirmedQuantities(LocalPlatform platform) {
		Map<String, Integer> confirmed = new TreeMap<>();
		query(platform.database(Service.ORDER),
				"select l.sku, sum(l.quantity) from order_line l "
						+ "join orders o on o.id = l.order_id where o.status = 'CONFIRMED' group by l.sku",
				row -> confirmed.put(row.getString(1), row.getInt(2)));
		return confirmed;
	}

	static long ordersIn(LocalPlatform platform, String status) {
		long[] count = new long[1];
		query(platform.database(Service.ORDER), "select count(*) from orders where status = '" + status + "'",
				row -> count[0] = row.getLong(1));
		return count[0];
	}

	/**
	 * Reserved per SKU as inventory-service has it, and as the CONFIRMED orders add up:
	 * equal when it holds.
	 */
	static Map<String, Integer> reservedBySku(LocalPlatform platform) {
		Map<String, Integer> reserved = new TreeMap<>();
		stock(platform).forEach((sku, stock) -> reserved.put(sku, stock.reserved()));
		return reserved;
	}

	static Map<String, Integer> expectedReservedBySku(LocalPlatform platform) {
		Map<String, Integer> expected = new TreeMap<>();
		Map<String, Integer> confirmed = confirmedQuantities(platform);
		stock(platform).keySet().forEach(sku -> expected.put(sku, confirmed.getOrDefault(sku, 0)));
		return expected;
	}

	interface RowHandler {

		void handle(ResultSet row) throws SQLException;

	}

	private static void query(DatabaseCredentials database, String sql, RowHandler handler) {
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password()); ResultSet rows = connection.createStatement().executeQuery(sql)) {
			while (rows.next()) {
				handler.handle(rows);
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

}
