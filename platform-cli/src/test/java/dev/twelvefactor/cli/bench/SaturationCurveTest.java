package dev.twelvefactor.cli.bench;

import com.sun.net.httpserver.HttpServer;
import dev.twelvefactor.loadgen.ClosedLoopDriver;
import dev.twelvefactor.loadgen.LoadHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The saturation benchmark's parts that need no platform: what an answer counts as, the
 * CSV a later run compares with, the knee and its 90% verdict, and the picture.
 */
class SaturationCurveTest {

	/** Issue 13's figures before the fix: the knee at 16 clients, then collapse. */
	static final SaturationCurve COLLAPSE = curve("commit before", new double[] { 1, 2, 4, 8, 16, 32, 64, 128 },
			new double[] { 9, 18, 35, 65, 88, 44, 6, 5 });

	/** Flat past the knee, the peak (noise) further right than the knee. */
	static final SaturationCurve FLAT = curve("commit after", new double[] { 1, 2, 4, 8, 16, 32, 64, 128 },
			new double[] { 10, 20, 40, 75, 100, 104, 110, 100 });

	@Test
	void keepsAcceptedRefusedOtherAnswersAndTheirLatenciesApart() throws Exception {
		AtomicInteger count = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		List<Integer> cycle = List.of(201, 503, 500, 202);
		server.createContext("/", exchange -> {
			int status = cycle.get(count.getAndIncrement() % cycle.size());
			if (status / 100 == 2) {
				sleep(80);
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
		try {
			URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
			SaturationPoint point = SaturationPoint.measure(new ClosedLoopDriver(1, () -> LoadHttp.get(target)), 1,
					Duration.ofMillis(1500));

			// One client, one request after the other: the server's cycle tells each
			// count.
			int answered = count.get();
			long[] expected = new long[cycle.size()];
			for (int i = 0; i < answered; i++) {
				expected[i % cycle.size()]++;
			}
			assertThat(answered).isGreaterThanOrEqualTo(cycle.size());
			assertThat(point.goodput()).isEqualTo(expected[0] + expected[3]);
			assertThat(point.refusals()).isEqualTo(expected[1]);
			assertThat(point.others()).isEqualTo(expected[2]);
			assertThat(point.errors()).isZero();
			assertThat(point.p50()).as("accepted answers took 80 ms").isGreaterThanOrEqualTo(80);
			assertThat(point.refusalP99()).as("refusals were immediate, not mixed with the slow ones").isLessThan(80);
			assertThat(point.goodputPerSecond()).isCloseTo(point.goodput() / point.seconds(), within(1e-9));
		}
		finally {
			server.stop(0);
		}
		assertThat(SaturationPoint.Answer.of(429)).isEqualTo(SaturationPoint.Answer.REFUSAL);
		assertThat(SaturationPoint.Answer.of(200)).as("a replay is no new order")
			.isEqualTo(SaturationPoint.Answer.OTHER);
		assertThat(SaturationPoint.Answer.of(-1)).isEqualTo(SaturationPoint.Answer.NO_ANSWER);
	}

	@Test
	void theCsvReadsBackWhatWasWrittenWithNoAnswerAsEmpty(@TempDir Path folder) throws Exception {
		SaturationCurve curve = new SaturationCurve("commit 0e6806c1a2, 2025-06-01 10:00 UTC",
				List.of(new SaturationPoint(2, 15.012, 1500, 0, 3, 1, 11.25, 30.5, 70.125, Double.NaN),
						new SaturationPoint(1, 15.0, 900, 12, 0, 0, 9.5, 20.75, 41.0, 2.5)));
		Path file = folder.resolve("out").resolve("saturation.csv");
		curve.write(file);

		assertThat(Files.readAllLines(file)).startsWith("# commit 0e6806c1a2, 2025-06-01 10:00 UTC",
				String.join(",", SaturationCurve.COLUMNS),
				"1,15.000,900,60.000,12,0.800,2.500,0,0,9.500,20.750,41.000");
		assertThat(Files.readAllLines(file).get(3)).contains(",,");
		assertThat(SaturationCurve.read(file)).isEqualTo(curve);
		assertThat(curve.named("before").label()).isEqualTo("before: commit 0e6806c1a2, 2025-06-01 10:00 UTC");
	}

	@Test
	void theCsvIsReadByColumnNameAndAWrongOneIsNamed(@TempDir Path folder) throws Exception {
		SaturationCurve reordered = SaturationCurve.parse("""
				errors,clients,seconds,goodput,refusals,others,p50_ms,p99_ms,max_ms,refusal_p99_ms,added_later
				0,4,10,500,0,0,5,9,12,,x
				""");
		assertThat(reordered.label()).isEqualTo("unlabelled");
		assertThat(reordered.at(4).goodputPerSecond()).isEqualTo(50.0);
		assertThat(reordered.at(4).refusalP99()).isNaN();
		assertThat(reordered.at(8)).isNull();

		assertThatThrownBy(() -> SaturationCurve.parse("clients,seconds\n1,10\n")).hasMessageContaining("no column");
		assertThatThrownBy(() -> SaturationCurve.parse(COLLAPSE.csv().replace("\n16,", "\nx6,")))
			.hasMessageContaining("not a count");
		Path broken = Files.writeString(folder.resolve("broken.csv"), "# only a comment\n");
		assertThatThrownBy(() -> SaturationCurve.read(broken)).hasMessageContaining("broken.csv")
			.hasMessageContaining("no header line");
	}

	@Test
	void aCollapsePastTheKneeMissesTheTargetAFlatCurveMeetsIt() {
		SaturationKnee collapse = SaturationKnee.of(COLLAPSE).orElseThrow();
		assertThat(collapse.peak().clients()).isEqualTo(16);
		assertThat(collapse.knee().clients()).isEqualTo(16);
		assertThat(collapse.lowest().clients()).isEqualTo(128);
		assertThat(collapse.lowestFraction()).isCloseTo(5 / 88.0, within(1e-9));
		assertThat(collapse.holds()).isFalse();
		assertThat(collapse.describe(COLLAPSE)).contains("peak 88.0 orders/s at N=16", "knee", "at N=16", "**MISSED**",
				"At 4× the peak's concurrency (N=64): 6.0/s, 6.8% of the peak.");

		SaturationKnee flat = SaturationKnee.of(FLAT).orElseThrow();
		assertThat(flat.peak().clients()).isEqualTo(64);
		assertThat(flat.knee().clients()).as("the first N at 90% of the peak").isEqualTo(16);
		assertThat(flat.lowest().clients()).isEqualTo(16);
		assertThat(flat.verdict()).isEqualTo("met");
		assertThat(flat.describe(FLAT)).contains("90.9% of the peak").doesNotContain("At 4×");

		SaturationCurve belowTarget = curve("x", new double[] { 8, 16, 32 }, new double[] { 100, 89.6, 95 });
		assertThat(SaturationKnee.of(belowTarget).orElseThrow().describe(belowTarget)).contains("89.6% of the peak",
				"**MISSED**");
		SaturationCurve rising = curve("x", new double[] { 1, 2, 4 }, new double[] { 10, 20, 40 });
		assertThat(SaturationKnee.of(rising).orElseThrow().verdict()).startsWith("n/a");
		assertThat(SaturationKnee.of(curve("x", new double[] { 1, 2 }, new double[] { 0, 0 }))).isEmpty();
	}

	@Test
	void theReportTablesEachNAndComparesWithTheCurveBefore() {
		String report = SaturationBench.report(FLAT, Optional.of(COLLAPSE));

		assertThat(report).contains("| N (clients) | goodput (201/202 per s)", "- **After** (commit after): peak 110.0",
				"- **Before** (commit before): peak 88.0", "Slowest refusal p99 80.0 ms (target ≤ 100 ms: met)",
				"| goodput before (/s) | goodput after (/s) |");
		assertThat(report.lines().filter(line -> line.startsWith("| 128 "))).hasSize(2);
		assertThat(SaturationBench.report(COLLAPSE, Optional.empty())).contains("- **This run** (commit before)")
			.doesNotContain("goodput before");
	}

	@Test
	void drawsBothCurvesOnAPngOfTheChartsSize(@TempDir Path folder) throws Exception {
		List<SaturationCurve> curves = List.of(FLAT.named("after"), COLLAPSE.named("before"));
		SaturationChart chart = new SaturationChart("Title", List.of("how", "machine"), curves);
		Path file = folder.resolve("images").resolve("saturation.png");
		chart.write(file);

		BufferedImage image = ImageIO.read(file.toFile());
		assertThat(image.getWidth()).isEqualTo(SaturationChart.WIDTH);
		assertThat(image.getHeight()).isEqualTo(SaturationChart.HEIGHT);
		assertThat(colourAt(image, chart.goodputAt(32, 104))).isEqualTo(SaturationChart.colour(0));
		assertThat(colourAt(image, chart.goodputAt(64, 6))).isEqualTo(SaturationChart.colour(1));
		assertThat(colourAt(image, chart.latencyAt(128, 2000))).isEqualTo(SaturationChart.colour(1));
		assertThat(colourAt(image, chart.latencyAt(1, 1000))).isEqualTo(SaturationChart.colour(0));

		SaturationChart alone = new SaturationChart("Title", List.of(), List.of(FLAT));
		assertThat(colourAt(alone.render(), alone.goodputAt(64, 6))).isNotEqualTo(SaturationChart.colour(1));
	}

	@Test
	void axesOfRoundValuesWithRoomForTheMarkers() {
		assertThat(ChartAxis.linearFromZero(110).ticks()).containsExactly(0.0, 50.0, 100.0, 150.0);
		assertThat(ChartAxis.linearFromZero(0).high()).isPositive();
		ChartAxis latency = ChartAxis.logarithmic(105, 9500);
		assertThat(latency.ticks()).startsWith(50.0, 100.0, 200.0).endsWith(5000.0, 10_000.0, 20_000.0);
		assertThat(latency.fraction(50)).isZero();
		assertThat(latency.fraction(20_000)).isCloseTo(1, within(1e-9));
		assertThat(latency.plots(0)).isFalse();
		assertThat(ChartAxis.millis(0.2)).isEqualTo("0.2 ms");
		assertThat(ChartAxis.millis(2000)).isEqualTo("2 s");
	}

	@Test
	void compareIsForTheSaturationBenchmarkAndOutDefaultsToTarget() {
		BenchOptions options = BenchOptions
			.parse(new ArrayDeque<>(List.of("saturation", "--compare", "before.csv", "--out", "docs/images")));
		assertThat(options.sections()).containsExactly(BenchOptions.Section.SATURATION);
		assertThat(options.compare()).hasValue(Path.of("before.csv"));
		assertThat(options.out()).isEqualTo(Path.of("docs/images"));
		assertThat(BenchOptions.parse(new ArrayDeque<>(List.of("orders"))).out()).isEqualTo(Path.of("target"));

		assertThatThrownBy(() -> BenchOptions.parse(new ArrayDeque<>(List.of("orders", "--compare", "x.csv"))))
			.hasMessageContaining("--compare is for the saturation benchmark");
		assertThatThrownBy(() -> BenchOptions.parse(new ArrayDeque<>(List.of("saturation", "--out"))))
			.hasMessageContaining("--out needs a path");
	}

	/**
	 * A curve of 15 s per point, p99 = 10 s / goodput per second (slower as it falls),
	 * refusals past 16 clients answered in 80 ms.
	 */
	static SaturationCurve curve(String label, double[] clients, double[] perSecond) {
		List<SaturationPoint> points = new ArrayList<>();
		for (int i = 0; i < clients.length; i++) {
			boolean refusing = clients[i] > 16;
			points.add(new SaturationPoint((int) clients[i], 15, Math.round(perSecond[i] * 15), refusing ? 150 : 0, 0,
					0, 5, perSecond[i] == 0 ? Double.NaN : 10_000 / perSecond[i], 2000, refusing ? 80 : Double.NaN));
		}
		return new SaturationCurve(label, points);
	}

	private static Color colourAt(BufferedImage image, Point point) {
		return new Color(image.getRGB(point.x, point.y));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
