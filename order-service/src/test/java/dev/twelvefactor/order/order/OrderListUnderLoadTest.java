package dev.twelvefactor.order.order;

import dev.twelvefactor.order.OrderIntegrationTest;
import dev.twelvefactor.order.inventory.InventoryClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order list on a full table with far more concurrent callers than pool connections
 * (10, with config-repo's 2 s connection timeout): every page complete and right, no
 * error. A list that read each order's lines with a query of its own held its page
 * query's connection while waiting for a second one; 64 callers then held all ten and
 * waited for each other until the pool timed out (503). On a fresh database the list is
 * short and nothing shows, hence the few thousand orders.
 * <p>
 * The callers make the list endpoint's own calls on the repository, not HTTP requests:
 * what is tested is the pool, and the adaptive concurrency limit in front of the
 * controller would refuse part of 64 requests at once before they reached it.
 */
@AutoConfigureMockMvc
class OrderListUnderLoadTest extends OrderIntegrationTest {

	static final int ORDERS = 3000;

	static final int PAGE_SIZE = 100;

	static final int PAGES = ORDERS / PAGE_SIZE;

	/** Pages read in each run, whatever the number of callers. */
	static final int READS = 192;

	private static final Logger log = LoggerFactory.getLogger(OrderListUnderLoadTest.class);

	/** Whose orders these are: nobody else's test sees or counts them. */
	final String owner = "load-" + UUID.randomUUID();

	@Autowired
	OrderRepository orders;

	@Autowired
	JdbcTemplate jdbc;

	/** The same context as the other API tests (cached once per run). */
	@MockitoBean
	InventoryClient inventory;

	/** The owner's orders as the list must show them: newest first, then by id. */
	List<Order> expected;

	@BeforeEach
	void fillTheTable() {
		expected = orders();
		jdbc.batchUpdate("insert into orders (id, owner, status, total, reason, created_at, updated_at) "
				+ "values (?, ?, ?, ?, ?, ?, ?)", expected, 500, (statement, order) -> {
					statement.setObject(1, order.id());
					statement.setString(2, owner);
					statement.setString(3, order.status().name());
					statement.setBigDecimal(4, order.total());
					statement.setString(5, order.reason());
					statement.setObject(6, OffsetDateTime.ofInstant(order.createdAt(), ZoneOffset.UTC));
					statement.setObject(7, OffsetDateTime.ofInstant(order.updatedAt(), ZoneOffset.UTC));
				});
		List<Object[]> lines = new ArrayList<>();
		expected.forEach(order -> order.lines()
			.forEach(line -> lines.add(new Object[] { order.id(), line.sku(), line.quantity(), line.unitPrice() })));
		jdbc.batchUpdate("insert into order_line (order_id, sku, quantity, unit_price) values (?, ?, ?, ?)", lines,
				new int[] { Types.OTHER, Types.VARCHAR, Types.INTEGER, Types.NUMERIC });
		// What autovacuum does to a table that grew: the plans are those of a full table.
		jdbc.execute("analyze orders, order_line");
	}

	@Test
	void sixtyFourCallersGetEveryPageCompleteAndRightWithoutAnError() throws InterruptedException {
		long eightCallers = readConcurrently(8);
		long sixtyFourCallers = readConcurrently(64);
		log.info("{} pages of {} orders: 8 callers {} ms, 64 callers {} ms", READS, PAGE_SIZE, eightCallers,
				sixtyFourCallers);
	}

	/**
	 * {@link #READS} pages read by {@code callers} at once, all pages checked; how long
	 * it took in milliseconds.
	 */
	private long readConcurrently(int callers) throws InterruptedException {
		Queue<String> errors = new ConcurrentLinkedQueue<>();
		Queue<Integer> pagesRight = new ConcurrentLinkedQueue<>();
		CountDownLatch start = new CountDownLatch(1);
		long began;
		try (ExecutorService clients = Executors.newFixedThreadPool(callers)) {
			for (int caller = 0; caller < callers; caller++) {
				int first = caller;
				clients.submit(() -> {
					start.await();
					for (int read = first; read < READS; read += callers) {
						int page = read % PAGES;
						try {
							if (check(page, errors)) {
								pagesRight.add(page);
							}
						}
						catch (RuntimeException failure) {
							errors.add("page " + page + ": " + failure);
						}
					}
					return null;
				});
			}
			began = System.nanoTime();
			start.countDown();
			clients.shutdown();
			assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).as("all callers done within 60 s").isTrue();
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
		assertThat(errors).as("%d callers", callers).isEmpty();
		assertThat(pagesRight).as("%d callers", callers).hasSize(READS);
		return millis;
	}

	/**
	 * Reads a page as GET /api/orders does (the count, then the page) and records what is
	 * wrong with it, if anything; true when it is right.
	 */
	private boolean check(int page, Queue<String> errors) {
		long total = orders.count(owner, null);
		List<Order> content = orders.findPage(owner, null, page, PAGE_SIZE);
		List<Order> want = expected.subList(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
		if (total != ORDERS || !content.equals(want)) {
			errors.add("page " + page + " is not what was stored (" + total + " orders)");
			return false;
		}
		return true;
	}

	/**
	 * The orders to store, in the list's order. Two orders share each creation time, so
	 * the order by id counts; one in five was rejected (no prices, no total); prices are
	 * cents that a double could not hold, up to the column's largest.
	 */
	private static List<Order> orders() {
		Instant newest = Instant.parse("2026-01-01T12:00:00.123456Z");
		List<Order> orders = new ArrayList<>();
		for (int i = 0; i < ORDERS; i++) {
			Instant created = newest.minusSeconds(i / 2);
			boolean rejected = i % 5 == 0;
			List<Order.OrderLine> lines = new ArrayList<>();
			for (int j = 0; j < 1 + i % 5; j++) {
				BigDecimal price = (i == 1 && j == 0) ? new BigDecimal("9999999999.99")
						: BigDecimal.valueOf(i * 1000L + j * 37 + 1, 2);
				lines.add(new Order.OrderLine("SKU-%02d".formatted(j), 1 + (i + j) % 7, rejected ? null : price));
			}
			BigDecimal total = rejected ? null
					: lines.stream()
						.map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
						.reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
			orders.add(new Order(UUID.randomUUID(), rejected ? OrderStatus.REJECTED : OrderStatus.CONFIRMED, total,
					rejected ? "Insufficient stock for SKU-00" : null, created, created.plusMillis(250),
					List.copyOf(lines)));
		}
		// As PostgreSQL orders uuids: by their bytes, unsigned, which is their text's
		// order
		// (UUID.compareTo compares signed longs).
		orders.sort(Comparator.comparing(Order::createdAt).reversed().thenComparing(order -> order.id().toString()));
		return orders;
	}

}
