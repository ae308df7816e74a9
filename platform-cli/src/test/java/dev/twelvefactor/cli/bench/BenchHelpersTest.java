package dev.twelvefactor.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The parsing and arithmetic behind the report; the benchmarks themselves are run by
 * hand, not by the build.
 */
class BenchHelpersTest {

	@Test
	void readsWrksSummaryCountingOnly2xxAsThroughput() {
		Throughput result = Wrk.parse("""
				Running 15s test @ http://127.0.0.1:8082/api/inventory/products/KB-001
				  2 threads and 32 connections
				  Thread Stats   Avg      Stdev     Max   +/- Stdev
				    Latency     4.97ms    2.11ms  43.48ms   85.33%
				    Req/Sec     3.25k   312.05     3.90k    71.33%
				  97110 requests in 15.01s, 25.84MB read
				  Socket errors: connect 0, read 2, write 0, timeout 1
				  Non-2xx or 3xx responses: 110
				Requests/sec:   6469.75
				Transfer/sec:      1.72MB
				""");

		assertThat(result).isEqualTo(new Throughput(97110, 110, 3, 15.01));
		assertThat(result.okPerSecond()).isCloseTo(97000 / 15.01, within(0.01));
		assertThat(Wrk.parse("  12 requests in 1.00m, 1KB read").seconds()).isEqualTo(60.0);
	}

	@Test
	void theOrdersApiIsAskedWithATokenTheCatalogueWithout() {
		assertThat(Endpoints.authorization(Endpoints.ORDER_PAGE, () -> "t0k.3n")).hasValue("Bearer t0k.3n");
		assertThat(Endpoints.authorization(Endpoints.PRODUCT, () -> {
			throw new AssertionError("no token asked for");
		})).isEmpty();
		assertThat(Wrk.headerScript("Bearer eyJ.a-b_c.d"))
			.isEqualTo("wrk.headers[\"Authorization\"] = \"Bearer eyJ.a-b_c.d\"\n");
		assertThatThrownBy(() -> Wrk.headerScript("Bearer x\" os.exit()")).hasMessageContaining("wrk script");
	}

	@Test
	void readsResidentMemoryAndCpuTimeFromProc() {
		String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  183456 kB\nRssAnon:\t  150000 kB\n";
		assertThat(ProcessMemory.kib(status, "VmRSS")).isEqualTo(183456);
		String rollup = "00400000-7fff0000 ---p 00000000 00:00 0 [rollup]\nRss:\t  183456 kB\nPss:\t  120000 kB\n"
				+ "Pss_Anon:\t  90000 kB\n";
		assertThat(ProcessMemory.kib(rollup, "Pss")).isEqualTo(120000);
		assertThat(ProcessMemory.kib(status, "RssAnon")).isEqualTo(150000);
		assertThat(ProcessMemory.of(ProcessHandle.current().pid()).totalKib()).isPositive();
		assertThatThrownBy(() -> ProcessMemory.kib("Name:\tzombie\n", "VmRSS")).hasMessageContaining("VmRSS");

		// utime 1234 and stime 66 ticks; the process name holds a space and a
		// parenthesis.
		assertThat(CpuTime.seconds("4242 (nginx: w) r) S 1 4242 4242 0 -1 4194624 100 0 0 0 1234 66 0 0 20 0 1 0"))
			.isEqualTo(13.0);
		assertThat(CpuTime.seconds(List.of(ProcessHandle.current().pid()))).isPositive();
	}

	@Test
	void medianOfOddAndEvenCounts() {
		assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
		assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
		assertThat(Stats.median(List.of())).isNaN();
		assertThat(Stats.atMost(0.24, 0.25)).isEqualTo("met");
		assertThat(Stats.atLeast(0.69, 0.7)).isEqualTo("MISSED");
	}

	@Test
	void rendersAnAlignedMarkdownTable() {
		String table = new MarkdownTable("service", "s").row("order-service", 1.5).row("a|b", "x").render();

		assertThat(table.lines()).containsExactly("| service       | s   |", "| ------------- | --- |",
				"| order-service | 1.5 |", "| a\\|b          | x   |");
	}

	@Test
	void parsesTheCommandLine() {
		BenchOptions all = BenchOptions.parse(new ArrayDeque<>(List.of("--runs", "7")));
		assertThat(all.sections()).containsExactlyElementsOf(BenchOptions.Section.measures())
			.doesNotContain(BenchOptions.Section.PROFILE);
		assertThat(BenchOptions.parse(new ArrayDeque<>(List.of("profile"))).sections())
			.containsExactly(BenchOptions.Section.PROFILE);
		assertThat(all.runs()).isEqualTo(7);

		BenchOptions two = BenchOptions.parse(new ArrayDeque<>(List.of("gateway", "startup", "gateway")));
		assertThat(two.sections()).containsExactly(BenchOptions.Section.GATEWAY, BenchOptions.Section.STARTUP);
		assertThat(two.runs()).isEqualTo(5);

		assertThatThrownBy(() -> BenchOptions.parse(new ArrayDeque<>(List.of("--runs", "0"))))
			.hasMessageContaining("--runs");
		assertThatThrownBy(() -> BenchOptions.parse(new ArrayDeque<>(List.of("speed")))).hasMessageContaining("speed");
	}

	@Test
	void readsTheMachineDescription() {
		assertThat(MachineInfo.parseMemTotalKib("MemTotal:       24567890 kB\nMemFree: 1 kB\n")).isEqualTo(24567890);
		assertThat(MachineInfo.parseCpuModel("processor\t: 0\nmodel name\t: AMD EPYC 7B13\n"))
			.isEqualTo("AMD EPYC 7B13");
		assertThat(MachineInfo.parsePrettyName("NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"))
			.isEqualTo("Debian GNU/Linux 12 (bookworm)");
		assertThat(MachineInfo.parseLoadAverage("0.52 0.40 0.33 1/234 5678\n")).isEqualTo("0.52 0.40 0.33");
	}

}
