package dev.twelvefactor.inventory.reservation;

import dev.twelvefactor.inventory.InventoryIntegrationTest;
import dev.twelvefactor.inventory.product.ProductRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReservationServiceTest extends InventoryIntegrationTest {

	@Autowired
	ReservationService reservations;

	@Autowired
	ProductRepository products;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void freshProducts() {
		jdbc.sql("delete from reservation_line").update();
		jdbc.sql("delete from reservation").update();
		jdbc.sql("delete from product where sku like 'T-%'").update();
		jdbc.sql("insert into product (sku, name, price, on_hand) values ('T-SCARCE', 'Scarce', 5.00, 10), "
				+ "('T-PLENTY', 'Plenty', 2.50, 1000)")
			.update();
	}

	@Test
	void reservesAllLinesAtTheCurrentPrice() {
		UUID order = UUID.randomUUID();

		ReservationService.Outcome outcome = reservations
			.reserve(request(order, line("T-SCARCE", 3), line("T-PLENTY", 4)));

		assertThat(outcome.created()).isTrue();
		assertThat(outcome.reservation().lines()).extracting(Reservation.Line::sku, Reservation.Line::quantity)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("T-PLENTY", 4),
					org.assertj.core.groups.Tuple.tuple("T-SCARCE", 3));
		assertThat(products.findBySku("T-SCARCE").orElseThrow().reserved()).isEqualTo(3);
		assertThat(products.findBySku("T-PLENTY").orElseThrow().reserved()).isEqualTo(4);
	}

	@Test
	void reservesNothingWhenOneLineIsShort() {
		assertThatThrownBy(
				() -> reservations.reserve(request(UUID.randomUUID(), line("T-PLENTY", 4), line("T-SCARCE", 11))))
			.isInstanceOfSatisfying(ErrorResponseException.class, e -> {
				assertThat(e.getStatusCode().value()).isEqualTo(409);
				assertThat(e.getBody().getProperties()).containsEntry("skus", List.of("T-SCARCE"));
			});

		assertThat(products.findBySku("T-PLENTY").orElseThrow().reserved()).isZero();
		assertThat(jdbc.sql("select count(*) from reservation").query(Long.class).single()).isZero();
	}

	@Test
	void theSameOrderTwiceIsOneReservation() {
		UUID order = UUID.randomUUID();
		reservations.reserve(request(order, line("T-SCARCE", 2)));

		ReservationService.Outcome again = reservations.reserve(request(order, line("T-SCARCE", 2)));

		assertThat(again.created()).isFalse();
		assertThat(products.findBySku("T-SCARCE").orElseThrow().reserved()).isEqualTo(2);
	}

	@Test
	void releaseIsIdempotentAndALateReservationCannotComeBack() {
		UUID order = UUID.randomUUID();
		reservations.reserve(request(order, line("T-SCARCE", 2)));

		reservations.release(order);
		reservations.release(order);

		assertThat(products.findBySku("T-SCARCE").orElseThrow().reserved()).isZero();
		assertThatThrownBy(() -> reservations.reserve(request(order, line("T-SCARCE", 2)))).isInstanceOfSatisfying(
				ErrorResponseException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(410));
	}

	@Test
	void releaseBeforeTheReservationArrivesBlocksIt() {
		UUID order = UUID.randomUUID();

		reservations.release(order);

		assertThatThrownBy(() -> reservations.reserve(request(order, line("T-SCARCE", 1))))
			.isInstanceOf(ErrorResponseException.class);
		assertThat(products.findBySku("T-SCARCE").orElseThrow().reserved()).isZero();
	}

	@Test
	void fiftyConcurrentOrdersForTenUnitsConfirmExactlyTen() throws Exception {
		List<Callable<Boolean>> orders = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			orders.add(() -> {
				try {
					reservations.reserve(request(UUID.randomUUID(), line("T-SCARCE", 1)));
					return true;
				}
				catch (ErrorResponseException insufficient) {
					return false;
				}
			});
		}

		long reserved;
		try (var executor = Executors.newFixedThreadPool(16)) {
			reserved = executor.invokeAll(orders).stream().filter(ReservationServiceTest::succeeded).count();
		}

		assertThat(reserved).isEqualTo(10);
		assertThat(products.findBySku("T-SCARCE").orElseThrow().reserved()).isEqualTo(10);
		assertThat(products.findBySku("T-SCARCE").orElseThrow().available()).isZero();
	}

	@Test
	void parallelDuplicatesOfOneOrderReserveOnce() throws Exception {
		UUID order = UUID.randomUUID();
		List<Callable<Boolean>> duplicates = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			duplicates.add(() -> reservations.reserve(request(order, line("T-SCARCE", 3))).created());
		}

		long created;
		try (var executor = Executors.newFixedThreadPool(10)) {
			created = executor.invokeAll(duplicates).stream().filter(ReservationServiceTest::succeeded).count();
		}

		assertThat(created).isEqualTo(1);
		assertThat(products.findBySku("T-SCARCE").orElseThrow().reserved()).isEqualTo(3);
	}

	private static boolean succeeded(Future<Boolean> future) {
		try {
			return future.get();
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	private static ReservationRequest request(UUID order, ReservationRequest.Line... lines) {
		return new ReservationRequest(order, List.of(lines));
	}

	private static ReservationRequest.Line line(String sku, int quantity) {
		return new ReservationRequest.Line(sku, quantity);
	}

}
