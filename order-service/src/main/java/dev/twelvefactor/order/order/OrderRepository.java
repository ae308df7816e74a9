package dev.twelvefactor.order.order;

import dev.twelvefactor.order.inventory.ReservedLine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
public class OrderRepository {

	private static final String HEADER = "select id, status, total, reason, created_at, updated_at from orders ";

	/**
	 * Each order of the inner query {@code %s} (a {@link #HEADER} query) with its lines,
	 * in one statement: the lines come as three arrays of the same order (by SKU). An
	 * order must never be read as a query per order: the page query would hold its pool
	 * connection while each row asks for a second one, and a pool's worth of concurrent
	 * lists would wait for each other until the pool times out. Arrays, not JSON: numeric
	 * unit prices arrive as exact BigDecimals. The inner query is limited first, so the
	 * lines of rows an OFFSET skips are never read.
	 */
	private static final String WITH_LINES = """
			select o.id, o.status, o.total, o.reason, o.created_at, o.updated_at,
			       l.skus, l.quantities, l.unit_prices
			from (%s) o
			cross join lateral (
			    select array_agg(sku order by sku) as skus,
			           array_agg(quantity order by sku) as quantities,
			           array_agg(unit_price order by sku) as unit_prices
			    from order_line where order_id = o.id) l
			""";

	private final JdbcClient jdbc;

	public OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new PENDING order of {@code owner}. The reconciler leaves it alone for
	 * {@code grace}: the request that placed it is asking inventory-service right now.
	 */
	public void insertPending(UUID id, String owner, List<Order.OrderLine> lines, Duration grace) {
		jdbc.sql("insert into orders (id, owner, status, next_attempt_at) "
				+ "values (:id, :owner, 'PENDING', now() + make_interval(secs => :grace))")
			.param("id", id)
			.param("owner", owner)
			.param("grace", grace.toSeconds())
			.update();
		for (Order.OrderLine line : lines) {
			jdbc.sql("insert into order_line (order_id, sku, quantity) values (:id, :sku, :quantity)")
				.param("id", id)
				.param("sku", line.sku())
				.param("quantity", line.quantity())
				.update();
		}
	}

	/**
	 * Moves a PENDING order to CONFIRMED with the reserved prices; false when it was not
	 * PENDING any more.
	 */
	public boolean confirm(UUID id, List<ReservedLine> reserved) {
		BigDecimal total = reserved.stream()
			.map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		boolean changed = jdbc
			.sql("update orders set status = 'CONFIRMED', total = :total, claimed_until = null, "
					+ "updated_at = now() where id = :id and status = 'PENDING'")
			.param("id", id)
			.param("total", total)
			.update() == 1;
		if (changed) {
			for (ReservedLine line : reserved) {
				jdbc.sql("update order_line set unit_price = :price where order_id = :id and sku = :sku")
					.param("price", line.unitPrice())
					.param("id", id)
					.param("sku", line.sku())
					.update();
			}
		}
		return changed;
	}

	public boolean reject(UUID id, String reason) {
		return jdbc
			.sql("update orders set status = 'REJECTED', reason = :reason, claimed_until = null, "
					+ "updated_at = now() where id = :id and status = 'PENDING'")
			.param("id", id)
			.param("reason", reason)
			.update() == 1;
	}

	/**
	 * Marks an order cancelled once its stock was released; false when it was neither
	 * PENDING nor CONFIRMED.
	 */
	public boolean cancel(UUID id) {
		return jdbc
			.sql("update orders set status = 'CANCELLED', claimed_until = null, updated_at = now() "
					+ "where id = :id and status in ('PENDING', 'CONFIRMED')")
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Claims up to {@code batch} PENDING orders that are due, for {@code claim}: rows
	 * another instance is claiming right now are skipped, not waited for, and a claimed
	 * order is not due again until the claim runs out.
	 */
	public List<UUID> claimDuePending(int batch, Duration claim, boolean evenIfNotDue) {
		return jdbc.sql("""
				update orders set claimed_until = now() + make_interval(secs => :claim), attempts = attempts + 1
				where id in (select id from orders
				             where status = 'PENDING'
				               and (:evenIfNotDue or next_attempt_at <= now())
				               and (claimed_until is null or claimed_until < now())
				             order by next_attempt_at
				             limit :batch
				             for update skip locked)
				returning id""")
			.param("claim", claim.toSeconds())
			.param("batch", batch)
			.param("evenIfNotDue", evenIfNotDue)
			.query(UUID.class)
			.list();
	}

	/** Gives a claimed PENDING order back, to be tried again after {@code delay}. */
	public void retryLater(UUID id, Duration delay) {
		jdbc.sql("update orders set next_attempt_at = now() + make_interval(secs => :delay), claimed_until = null "
				+ "where id = :id and status = 'PENDING'")
			.param("delay", delay.toMillis() / 1000.0)
			.param("id", id)
			.update();
	}

	public int attempts(UUID id) {
		return jdbc.sql("select attempts from orders where id = :id").param("id", id).query(Integer.class).single();
	}

	/**
	 * Every order PENDING now, whoever owns it: what the reconciler and the admin task
	 * work on.
	 */
	public long countPending() {
		return jdbc.sql("select count(*) from orders where status = 'PENDING'").query(Long.class).single();
	}

	/**
	 * The order whoever owns it: for the reconciler and for the steps of one placement or
	 * cancellation, after the owner was checked. Never for answering a caller.
	 */
	public Optional<Order> findById(UUID id) {
		return jdbc.sql(WITH_LINES.formatted(HEADER + "where id = :id"))
			.param("id", id)
			.query(OrderRepository::order)
			.optional();
	}

	/**
	 * The order if {@code owner} owns it; empty for an unknown order and for another
	 * owner's alike, so that a caller cannot tell whether an id exists.
	 */
	public Optional<Order> findOwned(UUID id, String owner) {
		return jdbc.sql(WITH_LINES.formatted(HEADER + "where id = :id and owner = :owner"))
			.param("id", id)
			.param("owner", owner)
			.query(OrderRepository::order)
			.optional();
	}

	/**
	 * A page of the owner's orders, newest first (index orders_owner_created), with their
	 * lines (primary key of order_line), in one statement.
	 */
	public List<Order> findPage(String owner, OrderStatus status, int page, int size) {
		String newestFirst = HEADER + "where owner = :owner and (cast(:status as varchar) is null or status = :status) "
				+ "order by created_at desc, id limit :size offset :offset";
		return jdbc.sql(WITH_LINES.formatted(newestFirst) + "order by o.created_at desc, o.id")
			.param("owner", owner)
			.param("status", status == null ? null : status.name())
			.param("size", size)
			.param("offset", (long) page * size)
			.query(OrderRepository::order)
			.list();
	}

	public long count(String owner, OrderStatus status) {
		return jdbc
			.sql("select count(*) from orders "
					+ "where owner = :owner and (cast(:status as varchar) is null or status = :status)")
			.param("owner", owner)
			.param("status", status == null ? null : status.name())
			.query(Long.class)
			.single();
	}

	private static Order order(ResultSet row, int rowNumber) throws SQLException {
		return new Order(row.getObject("id", UUID.class), OrderStatus.valueOf(row.getString("status")),
				row.getBigDecimal("total"), row.getString("reason"), row.getTimestamp("created_at").toInstant(),
				row.getTimestamp("updated_at").toInstant(), lines(row));
	}

	/**
	 * The lines from the arrays of {@link #WITH_LINES}. An order without lines has null
	 * arrays (array_agg of no rows); placing an order requires one, but a reader must not
	 * fail on it.
	 */
	private static List<Order.OrderLine> lines(ResultSet row) throws SQLException {
		Array skuArray = row.getArray("skus");
		if (skuArray == null) {
			return List.of();
		}
		String[] skus = (String[]) skuArray.getArray();
		Integer[] quantities = (Integer[]) row.getArray("quantities").getArray();
		BigDecimal[] unitPrices = (BigDecimal[]) row.getArray("unit_prices").getArray();
		List<Order.OrderLine> lines = new ArrayList<>(skus.length);
		for (int i = 0; i < skus.length; i++) {
			lines.add(new Order.OrderLine(skus[i], quantities[i], unitPrices[i]));
		}
		return lines;
	}

	/**
	 * The lines of one order, for the reconciler, which needs no more of the order than
	 * them.
	 */
	public List<Order.OrderLine> lines(UUID orderId) {
		return jdbc.sql("select sku, quantity, unit_price from order_line where order_id = :id order by sku")
			.param("id", orderId)
			.query(Order.OrderLine.class)
			.list();
	}

}
