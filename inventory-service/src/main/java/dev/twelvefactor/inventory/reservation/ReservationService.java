package dev.twelvefactor.inventory.reservation;

import dev.twelvefactor.inventory.product.Product;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reserves and releases stock. Every reservation is one transaction that locks the
 * order's product rows in SKU order (so two orders never deadlock) and is idempotent by
 * order id: the row in {@code reservation} is written first, so a second request for the
 * same order waits for the first and then returns its result.
 */
@Service
public class ReservationService {

	private final JdbcClient jdbc;

	public ReservationService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The reservation and whether this call created it (false: it existed already). */
	public record Outcome(Reservation reservation, boolean created) {
	}

	@Transactional
	public Outcome reserve(ReservationRequest request) {
		Map<String, Integer> wanted = quantitiesBySku(request);
		boolean claimed = jdbc
			.sql("insert into reservation (order_id, status) values (:id, 'RESERVED') on conflict do nothing")
			.param("id", request.orderId())
			.update() == 1;
		if (!claimed) {
			Reservation existing = find(request.orderId()).orElseThrow();
			if (existing.status() == Reservation.Status.RELEASED) {
				throw ReservationProblems.alreadyReleased(request.orderId());
			}
			return new Outcome(existing, false);
		}
		Map<String, Product> locked = lockProducts(wanted.keySet());
		List<String> unknown = wanted.keySet().stream().filter(sku -> !locked.containsKey(sku)).toList();
		if (!unknown.isEmpty()) {
			// rolls the whole transaction back
			throw ReservationProblems.unknownProducts(unknown);
		}
		List<String> insufficient = wanted.entrySet()
			.stream()
			.filter(line -> locked.get(line.getKey()).available() < line.getValue())
			.map(Map.Entry::getKey)
			.toList();
		if (!insufficient.isEmpty()) {
			throw ReservationProblems.insufficientStock(insufficient);
		}
		List<Reservation.Line> lines = new ArrayList<>();
		wanted.forEach((sku, quantity) -> {
			jdbc.sql("update product set reserved = reserved + :quantity where sku = :sku")
				.param("quantity", quantity)
				.param("sku", sku)
				.update();
			jdbc.sql(
					"insert into reservation_line (order_id, sku, quantity, unit_price) values (:id, :sku, :quantity, :price)")
				.param("id", request.orderId())
				.param("sku", sku)
				.param("quantity", quantity)
				.param("price", locked.get(sku).price())
				.update();
			lines.add(new Reservation.Line(sku, quantity, locked.get(sku).price()));
		});
		return new Outcome(new Reservation(request.orderId(), Reservation.Status.RESERVED, lines), true);
	}

	/**
	 * Gives the stock back. Idempotent, and safe before the reservation itself: the
	 * RELEASED row it leaves makes a late reservation for the same order fail instead of
	 * holding stock nobody will buy.
	 */
	@Transactional
	public void release(UUID orderId) {
		boolean tombstoneWritten = jdbc
			.sql("insert into reservation (order_id, status) values (:id, 'RELEASED') on conflict do nothing")
			.param("id", orderId)
			.update() == 1;
		if (tombstoneWritten) {
			return;
		}
		String status = jdbc.sql("select status from reservation where order_id = :id for update")
			.param("id", orderId)
			.query(String.class)
			.single();
		if (status.equals("RELEASED")) {
			return;
		}
		List<Reservation.Line> lines = lines(orderId);
		lockProducts(lines.stream().map(Reservation.Line::sku).toList());
		for (Reservation.Line line : lines) {
			jdbc.sql("update product set reserved = reserved - :quantity where sku = :sku")
				.param("quantity", line.quantity())
				.param("sku", line.sku())
				.update();
		}
		jdbc.sql("update reservation set status = 'RELEASED', updated_at = now() where order_id = :id")
			.param("id", orderId)
			.update();
	}

	@Transactional(readOnly = true)
	public Optional<Reservation> find(UUID orderId) {
		return jdbc.sql("select status from reservation where order_id = :id")
			.param("id", orderId)
			.query(String.class)
			.optional()
			.map(status -> new Reservation(orderId, Reservation.Status.valueOf(status), lines(orderId)));
	}

	private List<Reservation.Line> lines(UUID orderId) {
		return jdbc.sql("select sku, quantity, unit_price from reservation_line where order_id = :id order by sku")
			.param("id", orderId)
			.query(Reservation.Line.class)
			.list();
	}

	private Map<String, Product> lockProducts(Collection<String> skus) {
		Map<String, Product> locked = new LinkedHashMap<>();
		jdbc.sql("select sku, name, price, on_hand, reserved from product where sku in (:skus) order by sku for update")
			.param("skus", List.copyOf(skus))
			.query(Product.class)
			.list()
			.forEach(product -> locked.put(product.sku(), product));
		return locked;
	}

	private static Map<String, Integer> quantitiesBySku(ReservationRequest request) {
		Map<String, Integer> wanted = new TreeMap<>();
		for (ReservationRequest.Line line : request.lines()) {
			if (wanted.putIfAbsent(line.sku(), line.quantity()) != null) {
				throw ReservationProblems.duplicateSku(line.sku());
			}
		}
		return wanted;
	}

}
