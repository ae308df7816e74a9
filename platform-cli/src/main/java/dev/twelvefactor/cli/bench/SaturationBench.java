package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.loadgen.ClosedLoopDriver;
import dev.twelvefactor.loadgen.LoadHttp;
import dev.twelvefactor.loadgen.Loopback;
import dev.twelvefactor.loadgen.TokenSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The saturation curve of order creation (issue 13): N = 1, 2, 4 … 128 clients in a
 * closed loop place orders through the gateway, one order-service and one
 * inventory-service instance, and each N's goodput, refusals and latencies are reported.
 * Past the knee a platform that sheds load keeps its goodput and refuses the rest fast;
 * one that does not collapses, doing less work, slowly. Writes the curve as CSV and PNG
 * beside the report, drawing an earlier run's CSV as "before" when given one.
 */
final class SaturationBench implements Benchmark {

	static final List<Integer> CLIENTS = List.of(1, 2, 4, 8, 16, 32, 64, 128);

	/** Once, first: the JIT compiles the order path, as in the orders benchmark. */
	static final Duration WARM_UP = Duration.ofSeconds(15);

	static final int WARM_UP_CLIENTS = 16;

	/**
	 * Before each N, not measured: the new connections open and an adaptive concurrency
	 * limit settles to the new load.
	 */
	static final Duration STEP_WARM_UP = Duration.ofSeconds(4);

	static final Duration MEASURED = Duration.ofSeconds(15);

	/** Issue 13: what cannot be served is refused within 100 ms. */
	static final double TARGET_REFUSAL_P99_MS = 100;

	static final String CSV = "saturation.csv";

	static final String PNG = "saturation.png";

	static final String TITLE = "Order creation under load: goodput and p99 by concurrent clients";

	@Override
	public String title() {
		return "Saturation: order creation from 1 to 128 concurrent clients";
	}

	@Override
	public String run(LocalPlatform platform, BenchContext context) throws Exception {
		Optional<SaturationCurve> before = context.comparedCurve();
		platform.runAdminTask(Service.INVENTORY, List.of("restock", "KB-001", "1000000")).requireSuccess();
		URI orders = Loopback.require(URI.create(platform.gatewayUrl() + Endpoints.ORDERS));
		TokenSource tokens = Endpoints.tokens(platform);
		Supplier<HttpRequest> order = () -> OrdersBench.placeOrder(orders, tokens);
		new ClosedLoopDriver(WARM_UP_CLIENTS, order).run(WARM_UP);
		List<SaturationPoint> points = new ArrayList<>();
		for (int clients : CLIENTS) {
			if (context.aborted()) {
				return "";
			}
			ClosedLoopDriver driver = new ClosedLoopDriver(clients, order);
			driver.run(STEP_WARM_UP);
			points.add(SaturationPoint.measure(driver, clients, MEASURED));
			context.log(points.getLast().toString());
		}
		SaturationCurve curve = new SaturationCurve("commit " + context.commit() + ", "
				+ ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
				points);
		Path csv = context.outputDirectory().resolve(CSV);
		curve.write(csv);
		Path png = context.outputDirectory().resolve(PNG);
		List<SaturationCurve> drawn = before.map(earlier -> List.of(curve.named("after"), earlier.named("before")))
			.orElse(List.of(curve));
		new SaturationChart(TITLE, List.of(method(), MachineInfo.current().oneLine()), drawn).write(png);
		return """
				POST %s with a fresh Idempotency-Key and %s, through the gateway; N clients in a closed loop (Java \
				HTTP/1.1 client, %d s timeout), each N %d s measured after %d s unmeasured, all after %d s of \
				warm-up at %d clients; one order-service and one inventory-service instance, KB-001 restocked \
				first. Goodput: 201/202 answers; refused: 503/429; latency from send to answer.

				%s
				The curve: `%s` (its CSV, for `--compare` in a later run: `%s`).
				""".formatted(Endpoints.ORDERS, Endpoints.ORDER_BODY, LoadHttp.TIMEOUT.toSeconds(),
				MEASURED.toSeconds(), STEP_WARM_UP.toSeconds(), WARM_UP.toSeconds(), WARM_UP_CLIENTS,
				report(curve, before), context.shown(png), context.shown(csv));
	}

	/** The line under the picture's title: how it was measured. */
	private static String method() {
		return "POST /api/orders through the gateway, 1 order-service + 1 inventory-service, N clients in a closed "
				+ "loop, %d s measured per N".formatted(MEASURED.toSeconds());
	}

	/**
	 * This run's table and verdicts, and with a curve to compare with, its verdicts and
	 * both curves side by side.
	 */
	static String report(SaturationCurve curve, Optional<SaturationCurve> before) {
		MarkdownTable table = new MarkdownTable("N (clients)", "goodput (201/202 per s)", "refused (503/429 per s)",
				"refusal p99 (ms)", "other answers", "no answer (errors, timeouts)", "p50 (ms)", "p99 (ms)",
				"max (ms)");
		for (SaturationPoint point : curve.points()) {
			table.row(point.clients(), Stats.fixed(point.goodputPerSecond(), 1),
					Stats.fixed(point.refusalsPerSecond(), 1), Stats.fixed(point.refusalP99(), 1), point.others(),
					point.errors(), Stats.fixed(point.p50(), 1), Stats.fixed(point.p99(), 1),
					Stats.fixed(point.max(), 1));
		}
		StringBuilder text = new StringBuilder(table.render()).append(System.lineSeparator());
		text.append(verdicts(before.isPresent() ? "After" : "This run", curve));
		before.ifPresent(earlier -> {
			text.append(verdicts("Before", earlier));
			MarkdownTable both = new MarkdownTable("N (clients)", "goodput before (/s)", "goodput after (/s)",
					"p99 before (ms)", "p99 after (ms)", "refused before (/s)", "refused after (/s)");
			for (int clients : curve.points().stream().map(SaturationPoint::clients).toList()) {
				SaturationPoint was = earlier.at(clients);
				SaturationPoint is = curve.at(clients);
				both.row(clients, was == null ? "-" : Stats.fixed(was.goodputPerSecond(), 1),
						Stats.fixed(is.goodputPerSecond(), 1), was == null ? "-" : Stats.fixed(was.p99(), 1),
						Stats.fixed(is.p99(), 1), was == null ? "-" : Stats.fixed(was.refusalsPerSecond(), 1),
						Stats.fixed(is.refusalsPerSecond(), 1));
			}
			text.append(both.render()).append(System.lineSeparator());
		});
		return text.toString();
	}

	private static String verdicts(String name, SaturationCurve curve) {
		String knee = SaturationKnee.of(curve)
			.map(found -> found.describe(curve))
			.orElse("No order was accepted at any N: **MISSED**.");
		double slowestRefusal = curve.points()
			.stream()
			.mapToDouble(SaturationPoint::refusalP99)
			.filter(Double::isFinite)
			.max()
			.orElse(Double.NaN);
		long noAnswer = curve.points().stream().mapToLong(SaturationPoint::errors).sum();
		String refusals = Double.isNaN(slowestRefusal) ? "No refusal at any N"
				: "Slowest refusal p99 %s ms (target ≤ %s ms: %s)".formatted(Stats.fixed(slowestRefusal, 1),
						Stats.fixed(TARGET_REFUSAL_P99_MS, 0), Stats.atMost(slowestRefusal, TARGET_REFUSAL_P99_MS));
		return "- **%s** (%s): %s %s; %d requests without an answer (target 0: %s).%n%n".formatted(name, curve.label(),
				knee, refusals, noAnswer, noAnswer == 0 ? "met" : "MISSED");
	}

}
