package dev.twelvefactor.order.inventory;

import com.sun.net.httpserver.HttpServer;
import dev.twelvefactor.testsupport.Contract;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of two inventory-service instances hangs (it takes the request and never answers,
 * as a SIGSTOPped process does): a reservation costs one short try on it, the retry goes
 * to the other instance, and the breaker stays closed.
 */
class FrozenInventoryInstanceTest extends StubInventoryTest {

	static final Frozen FROZEN = new Frozen();

	static final List<InventoryClient.RequestedLine> LINES = List.of(new InventoryClient.RequestedLine("KB-001", 2),
			new InventoryClient.RequestedLine("MS-002", 1));

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void frozenInstance(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[1].uri", FROZEN::uri);
	}

	@AfterAll
	static void thaw() {
		FROZEN.close();
	}

	@Test
	void aFrozenInstanceOfTwoCostsOneShortTryAndOpensNoBreaker() {
		INVENTORY.answer(Contract.load(Path.of("../contracts/inventory-reservations"))
			.stream()
			.filter(contract -> contract.name().equals("reserve-all-lines"))
			.findFirst()
			.orElseThrow()
			.response());

		// Fewer than the breaker's window (20 calls), so the failed try is still in it.
		List<Duration> slow = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			long started = System.nanoTime();
			assertThat(client.reserve(UUID.randomUUID(), LINES)).isInstanceOf(ReservationResult.Reserved.class);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			// The first one also fetches the client's token and connects, cold.
			if (i > 0 && took.compareTo(Duration.ofMillis(800)) > 0) {
				slow.add(took);
			}
		}
		assertThat(slow).as("reservations that waited for the frozen instance: its read timeout (2 s), once")
			.hasSizeLessThanOrEqualTo(1)
			.allSatisfy(took -> assertThat(took).isLessThan(Duration.ofMillis(3500)));

		assertThat(FROZEN.reservations.get())
			.as("tries on the frozen instance: one, then it is left out (its liveness probe hangs too)")
			.isEqualTo(1);
		assertThat(registry.find("loadbalancer.ejections")
			.tag("service", InventoryClient.NAME)
			.tag("reason", "timeout")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum()).isEqualTo(1);
		CircuitBreaker breaker = circuitBreakers.circuitBreaker(InventoryClient.NAME);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("the one try that timed out").isEqualTo(1);
	}

	/** Takes every request and answers none until closed. */
	static final class Frozen implements AutoCloseable {

		final AtomicInteger reservations = new AtomicInteger();

		private final CountDownLatch thawed = new CountDownLatch(1);

		private final HttpServer server;

		Frozen() {
			try {
				server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.createContext("/", exchange -> {
				if (exchange.getRequestURI().getPath().startsWith("/internal/")) {
					reservations.incrementAndGet();
				}
				try {
					thawed.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				exchange.sendResponseHeaders(503, -1);
				exchange.close();
			});
			server.start();
		}

		String uri() {
			return "http://127.0.0.1:" + server.getAddress().getPort();
		}

		@Override
		public void close() {
			thawed.countDown();
			server.stop(0);
		}

	}

}
