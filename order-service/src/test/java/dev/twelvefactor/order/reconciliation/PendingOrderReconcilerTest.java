package dev.twelvefactor.order.reconciliation;

import dev.twelvefactor.order.OrderIntegrationTest;
import dev.twelvefactor.order.inventory.InventoryClient;
import dev.twelvefactor.order.inventory.ReservationResult;
import dev.twelvefactor.order.inventory.ReservedLine;
import dev.twelvefactor.order.order.Order;
import dev.twelvefactor.order.order.OrderRepository;
import dev.twelvefactor.order.order.OrderStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/**
 * The reconciler on the real database; inventory-service's answers are played by a mock
 * of its client.
 */
class PendingOrderReconcilerTest extends OrderIntegrationTest {

	/** {@code orders.reconciler.batch-size}'s default. */
	static final int BATCH = 20;

	/** More than two batches, the last one not full. */
	static final int BACKLOG = 2 * BATCH + 5;

	static final ReservationResult ONE_KEYBOARD_RESERVED = new ReservationResult.Reserved(
			List.of(new ReservedLine("KB-001", 1, new BigDecimal("89.90"))));

	@Autowired
	PendingOrderReconciler reconciler;

	@Autowired
	OrderRepository orders;

	@Autowired
	JdbcClient jdbc;

	@MockitoBean
	InventoryClient inventory;

	@BeforeEach
	void noOtherPendingOrders() {
		jdbc.sql("update orders set status = 'REJECTED' where status = 'PENDING'").update();
	}

	@Test
	void confirmsOrRejectsPendingOrdersOnceInventoryAnswers() {
		UUID confirmed = pending("KB-001");
		UUID rejected = pending("MN-003");
		given(inventory.reserve(any(), any())).willAnswer(call -> call.<UUID>getArgument(0).equals(rejected)
				? new ReservationResult.InsufficientStock(List.of("MN-003"))
				: new ReservationResult.Reserved(List.of(new ReservedLine("KB-001", 1, new BigDecimal("89.90")))));

		reconciler.reconcile(true);

		assertThat(orders.findById(confirmed).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(orders.findById(rejected).orElseThrow().status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(orders.countPending()).isZero();
	}

	@Test
	void whileInventoryIsDownOrdersStayPendingAndAreNotDueAtOnce() {
		UUID id = pending("KB-001");
		given(inventory.reserve(any(), any())).willReturn(new ReservationResult.Unavailable("down"));

		assertThat(reconciler.reconcile(true).stillPending()).isEqualTo(1);

		assertThat(orders.findById(id).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
		assertThat(reconciler.reconcile(false).claimed()).as("backs off instead of retrying at once").isZero();
	}

	@Test
	void concurrentReconcilersNeverWorkOnTheSameOrder() throws Exception {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			ids.add(pending("KB-001"));
		}
		Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
		given(inventory.reserve(any(), any())).willAnswer(call -> {
			calls.computeIfAbsent(call.getArgument(0), id -> new AtomicInteger()).incrementAndGet();
			Thread.sleep(5);
			return new ReservationResult.Reserved(List.of(new ReservedLine("KB-001", 1, new BigDecimal("89.90"))));
		});

		List<Callable<PendingOrderReconciler.Pass>> instances = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			instances.add(() -> reconciler.reconcile(true));
		}
		try (var executor = Executors.newFixedThreadPool(4)) {
			for (int round = 0; round < 3; round++) {
				executor.invokeAll(instances);
			}
		}

		assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(calls.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
		assertThat(orders.countPending()).isZero();
	}

	@Test
	void reconcilesTheOrdersOfEveryOwner() {
		UUID alices = pending("KB-001", "alice");
		UUID bobs = pending("KB-001", "bob");
		UUID fromBeforeOwners = pending("KB-001", "unowned");
		given(inventory.reserve(any(), any())).willReturn(ONE_KEYBOARD_RESERVED);

		assertThat(reconciler.reconcile(true).decided()).isEqualTo(3);

		assertThat(List.of(alices, bobs, fromBeforeOwners))
			.allSatisfy(id -> assertThat(orders.findById(id).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED));
		assertThat(orders.countPending()).isZero();
	}

	@Test
	void drainsABacklogBatchAfterBatchWhileInventoryDecidesEveryOrder() {
		backlogOf(BACKLOG);
		given(inventory.reserve(any(), any())).willReturn(ONE_KEYBOARD_RESERVED);

		assertThat(reconciler.drain(false, Duration.ofMinutes(1)).decided()).isEqualTo(BACKLOG);

		assertThat(orders.countPending()).isZero();
	}

	@Test
	void aBatchThatFindsInventoryUnavailableEndsTheDrain() {
		backlogOf(BACKLOG);
		given(inventory.reserve(any(), any())).willReturn(new ReservationResult.Unavailable("down"));

		assertThat(reconciler.drain(false, Duration.ofMinutes(1)).claimed()).as("one batch, then a back-off")
			.isEqualTo(BATCH);

		assertThat(orders.countPending()).isEqualTo(BACKLOG);
	}

	@Test
	void aDrainEndsWithItsBudget() {
		backlogOf(BACKLOG);
		given(inventory.reserve(any(), any())).willReturn(ONE_KEYBOARD_RESERVED);

		assertThat(reconciler.drain(false, Duration.ZERO).claimed()).as("one batch at least").isEqualTo(BATCH);
	}

	private void backlogOf(int count) {
		for (int i = 0; i < count; i++) {
			pending("KB-001");
		}
	}

	private UUID pending(String sku) {
		return pending(sku, "alice");
	}

	private UUID pending(String sku, String owner) {
		UUID id = UUID.randomUUID();
		orders.insertPending(id, owner, List.of(new Order.OrderLine(sku, 1, null)), Duration.ZERO);
		return id;
	}

}
