package dev.twelvefactor.order.order;

import dev.twelvefactor.order.inventory.ReservedLine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
public class OrderRepository {

	private static final String HEADER = "select id, status, total, reason, created_at, updated_at from orders ";

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
		return jdbc.sql(HEADER + "where id = :id").param("id", id).query(this::header).optional();
	}

	/**
	 * The order if {@code owner} owns it; empty for an unknown order and for another
	 * owner's alike, so that a caller cannot tell whether an id exists.
	 */
	public Optional<Order> findOwned(UUID id, String owner) {
		return jdbc.sql(HEADER + "where id = :id and owner = :owner")
			.param("id", id)
			.param("owner", owner)
			.query(this::header)
			.optional();
	}

	/** A page of the owner's orders, newest first (index orders_owner_created). */
	public List<Order> findPage(String owner, OrderStatus status, int page, int size) {
		return jdbc
			.sql(HEADER + "where owner = :owner and (cast(:status as varchar) is null or status = :status) "
					+ "order by created_at desc, id limit :size offset :offset")
			.param("owner", owner)
			.param("status", status == null ? null : status.name())
			.param("size", size)
			.param("offset", (long) page * size)
			.query(this::header)
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

	private Order header(ResultSet row, int rowNumber) throws SQLException {
		UUID id = row.getObject("id", UUID.class);
		return new Order(id, OrderStatus.valueOf(row.getString("status")), row.getBigDecimal("total"),
				row.getString("reason"), row.getTimestamp("created_at").toInstant(),
				row.getTimestamp("updated_at").toInstant(), lines(id));
	}

	public List<Order.OrderLine> lines(UUID orderId) {
		return jdbc.sql("select sku, quantity, unit_price from order_line where order_id = :id order by sku")
			.param("id", orderId)
			.query(Order.OrderLine.class)
			.list();
	}

}
