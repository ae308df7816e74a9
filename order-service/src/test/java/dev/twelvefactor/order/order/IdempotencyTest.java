package dev.twelvefactor.order.order;

import dev.twelvefactor.order.OrderIntegrationTest;
import dev.twelvefactor.order.inventory.InventoryClient;
import dev.twelvefactor.order.inventory.ReservationResult;
import dev.twelvefactor.order.inventory.ReservedLine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.twelvefactor.order.Callers.alice;
import static dev.twelvefactor.order.Callers.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/** Idempotency-Key on POST /api/orders, on the real database. */
@AutoConfigureMockMvc
class IdempotencyTest extends OrderIntegrationTest {

	static final String BODY = "{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": 2}]}";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@MockitoBean
	InventoryClient inventory;

	@Test
	void theSameKeyAndBodyGetTheOriginalResponseAndCreateNothing() {
		given(inventory.reserve(any(), any())).willReturn(reserved());
		String key = UUID.randomUUID().toString();
		long before = orderCount();

		MvcTestResult first = place(key, BODY);
		MvcTestResult again = place(key, BODY);

		assertThat(first).hasStatus(201);
		assertThat(again).hasStatus(201);
		assertThat(again.getResponse().getHeader("Location")).isEqualTo(first.getResponse().getHeader("Location"));
		assertThat(body(again)).isEqualTo(body(first));
		assertThat(orderCount() - before).isEqualTo(1);
	}

	@Test
	void aRejectionIsReplayedToo() {
		given(inventory.reserve(any(), any())).willReturn(new ReservationResult.InsufficientStock(List.of("KB-001")));
		String key = UUID.randomUUID().toString();
		long before = orderCount();

		assertThat(place(key, BODY)).hasStatus(409);
		assertThat(place(key, BODY)).hasStatus(409)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.skus")
			.asArray()
			.containsExactly("KB-001");
	}

	@Test
	void theSameKeyWithAnotherBodyIsA422Problem() {
		given(inventory.reserve(any(), any())).willReturn(reserved());
		String key = UUID.randomUUID().toString();
		long before = orderCount();
		place(key, BODY);

		assertThat(place(key, "{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": 3}]}")).hasStatus(422)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("different request");
		assertThat(orderCount() - before).isEqualTo(1);
	}

	@Test
	void parallelDuplicatesPlaceOneOrderAndTheOthersGetItAsItStands() throws Exception {
		CountDownLatch reservationStarted = new CountDownLatch(1);
		CountDownLatch duplicatesAnswered = new CountDownLatch(1);
		given(inventory.reserve(any(), any())).willAnswer(call -> {
			reservationStarted.countDown();
			duplicatesAnswered.await();
			return reserved();
		});
		String key = UUID.randomUUID().toString();
		long before = orderCount();

		try (var executor = Executors.newFixedThreadPool(8)) {
			Future<MvcTestResult> first = executor.submit(() -> place(key, BODY));
			reservationStarted.await();
			List<Callable<MvcTestResult>> duplicates = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				duplicates.add(() -> place(key, BODY));
			}
			List<Future<MvcTestResult>> answers = executor.invokeAll(duplicates);
			duplicatesAnswered.countDown();

			for (Future<MvcTestResult> answer : answers) {
				assertThat(answer.get()).hasStatus(202).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
			}
			assertThat(first.get()).hasStatus(201);
			assertThat(answers).allSatisfy(answer -> assertThat(answer.get().getResponse().getHeader("Location"))
				.isEqualTo(first.get().getResponse().getHeader("Location")));
		}
		assertThat(place(key, BODY)).hasStatus(201);
		assertThat(orderCount() - before).isEqualTo(1);
	}

	@Test
	void aKeyIsItsOwnersTheSameKeyOfTwoOwnersPlacesTwoOrders() {
		given(inventory.reserve(any(), any())).willReturn(reserved());
		String key = UUID.randomUUID().toString();
		long before = orderCount();

		MvcTestResult alices = place(alice(), key, BODY);
		MvcTestResult bobs = place(bob(), key, BODY);
		MvcTestResult alicesAgain = place(alice(), key, BODY);

		assertThat(alices).hasStatus(201);
		assertThat(bobs).hasStatus(201);
		assertThat(bobs.getResponse().getHeader("Location")).isNotEqualTo(alices.getResponse().getHeader("Location"));
		assertThat(alicesAgain.getResponse().getHeader("Location"))
			.isEqualTo(alices.getResponse().getHeader("Location"));
		assertThat(orderCount() - before).isEqualTo(2);
		assertThat(jdbc.sql("select owner from idempotency_key where key = :key order by owner")
			.param("key", key)
			.query(String.class)
			.list()).containsExactly("alice", "bob");
	}

	@Test
	void anotherOwnersKeyWithAnotherBodyIsNoConflict() {
		given(inventory.reserve(any(), any())).willReturn(reserved());
		String key = UUID.randomUUID().toString();

		assertThat(place(alice(), key, BODY)).hasStatus(201);
		assertThat(place(bob(), key, "{\"lines\": [{\"sku\": \"KB-001\", \"quantity\": 3}]}")).hasStatus(201);
	}

	private MvcTestResult place(String key, String body) {
		return place(alice(), key, body);
	}

	private MvcTestResult place(RequestPostProcessor caller, String key, String body) {
		return mvc.post()
			.uri("/api/orders")
			.with(caller)
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (UnsupportedEncodingException e) {
			throw new IllegalStateException(e);
		}
	}

	private long orderCount() {
		return jdbc.sql("select count(*) from orders").query(Long.class).single();
	}

	private static ReservationResult reserved() {
		return new ReservationResult.Reserved(List.of(new ReservedLine("KB-001", 2, new BigDecimal("89.90"))));
	}

}
