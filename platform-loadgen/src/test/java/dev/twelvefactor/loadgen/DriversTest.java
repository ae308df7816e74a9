package dev.twelvefactor.loadgen;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The open and closed loops against a local server that answers 200 to every other
 * request and 500 to the rest.
 */
class DriversTest {

	HttpServer server;

	URI target;

	@BeforeEach
	void start() throws Exception {
		AtomicInteger count = new AtomicInteger();
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			exchange.sendResponseHeaders(count.incrementAndGet() % 2 == 0 ? 500 : 200, -1);
			exchange.close();
		});
		server.start();
		target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void theOpenLoopStartsRequestsAtItsRateAndRecordsEveryOutcome() throws Exception {
		Outcomes outcomes = new Outcomes();
		new FixedRateSchedule(50).get(target, Duration.ofSeconds(1), outcomes);

		LatencySummary summary = outcomes.summary(1.0);
		assertThat(summary.requests()).isEqualTo(50);
		assertThat(summary.ok()).isEqualTo(25);
		assertThat(summary.non2xx()).isEqualTo(25);
		assertThat(outcomes.statuses()).containsOnlyKeys(200, 500);
		assertThat(outcomes.summary(1.0).requests()).as("asking again keeps what was recorded").isEqualTo(50);
	}

	@Test
	void theScheduleStopsWhenToldTo() throws Exception {
		AtomicInteger started = new AtomicInteger();
		new FixedRateSchedule(100).run(Duration.ofSeconds(10), 1_000, () -> started.get() >= 5,
				scheduled -> started.incrementAndGet());
		assertThat(started.get()).isBetween(5, 7);
	}

	@Test
	void theClosedLoopKeepsItsClientsBusy() {
		LatencySummary summary = new ClosedLoopDriver(2, () -> LoadHttp.get(target)).run(Duration.ofMillis(300));
		assertThat(summary.requests()).isPositive();
		assertThat(summary.errors()).isZero();
		assertThat(summary.okPerSecond()).isPositive();
	}

	@Test
	void noAnswerIsRecordedAsAnError() {
		server.stop(0);
		Outcomes outcomes = new Outcomes();
		outcomes.record(LoadHttp.status(LoadHttp.client(), LoadHttp.get(target)), 1_000);
		assertThat(outcomes.summary(1.0).errors()).isOne();
	}

	@Test
	void onlyThisMachineIsATarget() {
		assertThat(Loopback.require(URI.create("http://localhost:1/"))).hasHost("localhost");
		assertThatThrownBy(() -> LoadHttp.get(URI.create("http://192.0.2.10:8080/"))).hasMessageContaining("loopback");
		assertThatThrownBy(() -> new FixedRateSchedule(0)).hasMessageContaining("rate");
		assertThatThrownBy(() -> new ClosedLoopDriver(0, () -> null)).hasMessageContaining("clients");
	}

}
