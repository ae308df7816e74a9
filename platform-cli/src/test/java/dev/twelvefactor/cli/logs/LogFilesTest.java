package dev.twelvefactor.cli.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LogFilesTest {

	static final String TRACE = "6b115afc811faba1fd8635388ebe3940";

	@TempDir
	Path logs;

	@Test
	void mergesEveryInstancesLinesInTimeOrderAndReadably() throws IOException {
		write("order-service-1.log",
				line("12:00:01", "INFO", "dev.twelvefactor.order.order.OrderPlacement", "Order 1 placed", TRACE));
		write("inventory-service-1.log", line("12:00:00.5", "INFO",
				"dev.twelvefactor.inventory.reservation.ReservationController", "Reserved stock for order 1", TRACE),
				"WARNING: not JSON, kept as it is");
		write("prometheus.log", "ts=... level=info msg=\"not an instance of the platform\"");

		List<LogLine> lines = new LogFiles(logs, "", "").read();

		assertThat(lines).extracting(LogLine::instance)
			.containsExactly("inventory-service-1", "inventory-service-1", "order-service-1");
		assertThat(lines.getFirst().text()).contains("inventory-service-1")
			.contains("INFO")
			.contains("ReservationController Reserved stock for order 1")
			.endsWith("[trace " + TRACE + "]");
		assertThat(lines.get(1).text()).endsWith("WARNING: not JSON, kept as it is");
	}

	@Test
	void keepsOneServiceOrOneTrace() throws IOException {
		write("order-service-1.log", line("12:00:01", "INFO", "a.B", "traced", TRACE),
				line("12:00:02", "INFO", "a.B", "another request", "1111"));
		write("order-service-2.log", line("12:00:03", "WARN", "a.B", "on the second instance", ""));
		write("inventory-service-1.log", line("12:00:00", "INFO", "a.B", "inventory", TRACE));

		assertThat(new LogFiles(logs, "order-service", "").read()).extracting(LogLine::instance)
			.containsExactly("order-service-1", "order-service-1", "order-service-2");
		assertThat(new LogFiles(logs, "", TRACE).read()).extracting(LogLine::instance)
			.containsExactly("inventory-service-1", "order-service-1");
	}

	@Test
	void aFollowerGetsOnlyWhatWasWrittenSinceAndOnlyWholeLines() throws IOException {
		write("order-service-1.log", line("12:00:01", "INFO", "a.B", "first", ""));
		LogFiles files = new LogFiles(logs, "", "");
		assertThat(files.read()).hasSize(1);

		Files.writeString(logs.resolve("order-service-1.log"),
				line("12:00:02", "INFO", "a.B", "second", "") + "\n" + "{\"@timestamp\":\"2026-12-03T12:00:03Z\"",
				StandardOpenOption.APPEND);
		assertThat(files.read()).extracting(LogLine::text).singleElement().asString().contains("second");
		assertThat(files.read()).isEmpty();
	}

	@Test
	void anUnknownServiceOrOptionIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LogsCommand.Request.parse(new ArrayDeque<>(List.of("no-such-service"))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LogsCommand.Request.parse(new ArrayDeque<>(List.of("--trace"))));
		assertThat(LogsCommand.Request.parse(new ArrayDeque<>(List.of("order-service", "--trace", TRACE, "-f"))))
			.isEqualTo(new LogsCommand.Request("order-service", TRACE, true));
	}

	private void write(String file, String... lines) throws IOException {
		Files.writeString(logs.resolve(file), String.join("\n", lines) + "\n");
	}

	private static String line(String time, String level, String logger, String message, String traceId) {
		String trace = traceId.isEmpty() ? "" : ",\"trace.id\":\"" + traceId + "\"";
		return "{\"@timestamp\":\"2026-12-03T" + time + "Z\",\"log\":{\"level\":\"" + level + "\",\"logger\":\""
				+ logger + "\"},\"message\":\"" + message + "\"" + trace + "}";
	}

}
