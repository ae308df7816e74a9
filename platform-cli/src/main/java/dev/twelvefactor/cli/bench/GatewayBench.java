package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.net.Ports;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.Launch;
import dev.twelvefactor.launcher.process.LaunchCommand;
import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.loadgen.FixedRateSchedule;
import dev.twelvefactor.loadgen.LatencySummary;
import dev.twelvefactor.loadgen.LoadHttp;
import dev.twelvefactor.loadgen.Outcomes;
import dev.twelvefactor.loadgen.TokenSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the gateway's hop costs: one database-backed GET straight at inventory-service,
 * through nginx (a plain reverse proxy, the yardstick) and through the gateway, which
 * traces every request as ./platform up runs it, one in ten as in prod, or none; first
 * the most it serves, then the latency at a fixed, moderate rate.
 */
final class GatewayBench implements Benchmark {

	/**
	 * Issue 15's targets for the gateway as prod runs it (tracing one request in ten):
	 * against nginx, and the p99 it adds over a direct call at {@link #LATENCY_RATE}.
	 */
	static final double TARGET_THROUGHPUT_RATIO = 0.5;
	static final double TARGET_ADDED_P99_MS = 3.0;

	/**
	 * Enough to saturate the 2-core machine on every path (as wrk -c16 did when issue 15
	 * measured the gap), and below the adaptive concurrency limits' floor (20 per route
	 * and instance): at 32 the gateway's and inventory-service's limits refuse a third to
	 * a half of the requests with 503, the vanilla gateway has no limit of its own, and
	 * the rows then compare how much each path turns away rather than what its hop costs.
	 * How the platform refuses past its capacity is measured by ./platform bench
	 * saturation and OverloadIT.
	 */
	static final int CONNECTIONS = 16;
	static final Duration MEASURED = Duration.ofSeconds(15);
	static final int LATENCY_RATE = 200;
	static final Duration LATENCY_WARM_UP = Duration.ofSeconds(5);
	static final int LATENCY_ROUNDS = 3;
	static final Duration LATENCY_ROUND = Duration.ofSeconds(10);
	static final String DIRECT = "direct to inventory-service";
	static final String NGINX = "through nginx";
	static final String GATEWAY = "through the gateway";
	static final String GATEWAY_WITH_TOKEN = "through the gateway, tracing 10 %, with a token";
	static final String VANILLA = "through a vanilla Spring Cloud Gateway";
	static final String VANILLA_WITH_TOKEN = "through a vanilla Spring Cloud Gateway, with a token";
	static final double TARGET_VANILLA_RATIO = 0.9;
	static final String GATEWAY_SAMPLED = "through the gateway, tracing 10 %";
	static final String GATEWAY_UNTRACED = "through the gateway, tracing off";
	static final double TARGET_SAMPLED_TRACING_COST = 0.10;

	/**
	 * The gateway as the prod overlay runs it (a trace for one request in ten) and
	 * without tracing, each a gateway instance of its own beside the platform's, which
	 * traces every request as ./platform up does. Reactor's context propagation stays on
	 * in all three (config-repo's gateway-service.yml): the cost of tracing here is
	 * spans, their reporting and the trace context, not that.
	 */
	static final Map<String, Map<String, String>> TRACING_VARIANTS = Map.of(GATEWAY_SAMPLED,
			Map.of("TRACING_SAMPLING_PROBABILITY", "0.1"), GATEWAY_UNTRACED,
			Map.of("MANAGEMENT_TRACING_ENABLED", "false"));

	@Override
	public String title() {
		return "Gateway: the cost of the hop";
	}

	/**
	 * One way to reach inventory-service: its URL, the proxy processes in between (none
	 * for direct), and the Authorization header it sends, if any.
	 */
	private record Target(URI url, List<Long> proxyPids, Supplier<Optional<String>> authorization) {

		Target(URI url, List<Long> proxyPids) {
			this(url, proxyPids, Optional::empty);
		}

		HttpRequest request() {
			HttpRequest.Builder request = HttpRequest.newBuilder(LoadHttp.get(url), (name, value) -> true);
			authorization.get().ifPresent(value -> request.header("Authorization", value));
			return request.build();
		}

	}

	@Override
	public String run(LocalPlatform platform, BenchContext context) throws Exception {
		ServiceInstance inventory = platform.instance(Service.INVENTORY);
		Map<String, Target> paths = new LinkedHashMap<>();
		paths.put(DIRECT, new Target(URI.create(inventory.url() + Endpoints.PRODUCT), List.of()));
		Optional<Path> nginxBinary = Nginx.binary();
		Nginx nginx = nginxBinary
			.map(binary -> context.track(Nginx.start(binary, context.dataDirectory().resolve("nginx"),
					context.dataDirectory().resolve("pids").resolve("nginx.pid"), Ports.free(), inventory.port())))
			.orElse(null);
		VanillaGateway vanilla = null;
		try {
			if (nginx != null) {
				paths.put(NGINX, new Target(nginx.url(Endpoints.PRODUCT), nginx.pids()));
			}
			Optional<Path> vanillaJar = VanillaGateway.jar(context.platformOptions().home());
			if (vanillaJar.isPresent()) {
				context.log("Starting a vanilla Spring Cloud Gateway");
				vanilla = context.track(VanillaGateway.start(vanillaJar.get(), platform,
						new LaunchCommand(context.platformOptions(), context::log),
						context.dataDirectory().resolve("vanilla-gateway").resolve("vanilla-gateway.log")));
				paths.put(VANILLA, new Target(vanilla.url(Endpoints.PRODUCT), List.of(vanilla.pid())));
			}
			paths.put(GATEWAY, new Target(URI.create(platform.gatewayUrl() + Endpoints.PRODUCT),
					List.of(platform.instance(Service.GATEWAY).pid())));
			for (String variant : List.of(GATEWAY_SAMPLED, GATEWAY_UNTRACED)) {
				context.log("Starting a gateway for the row '%s'".formatted(variant));
				ServiceInstance gateway = platform.scaleOut(Service.GATEWAY, Launch.TUNED,
						TRACING_VARIANTS.get(variant));
				paths.put(variant, new Target(URI.create(gateway.url() + Endpoints.PRODUCT), List.of(gateway.pid())));
			}
			// The same read with a client's token, through the gateway as prod runs it
			// and through the vanilla one: every filter the gateway has (JWT
			// validation included) against none, with inventory-service validating the
			// token behind both.
			TokenSource tokens = Endpoints.tokens(platform);
			Supplier<Optional<String>> bearer = () -> Optional.of("Bearer " + tokens.accessToken());
			Target sampled = paths.get(GATEWAY_SAMPLED);
			paths.put(GATEWAY_WITH_TOKEN, new Target(sampled.url(), sampled.proxyPids(), bearer));
			if (vanilla != null) {
				paths.put(VANILLA_WITH_TOKEN,
						new Target(vanilla.url(Endpoints.PRODUCT), List.of(vanilla.pid()), bearer));
			}
			Map<String, Saturation> throughput = new LinkedHashMap<>();
			for (var path : paths.entrySet()) {
				// The catalogue is public: anonymous, as most of its readers are, and
				// once
				// with a token.
				throughput.put(path.getKey(),
						Saturation.measure(context.meter(), path.getValue().url(), path.getValue().authorization(),
								CONNECTIONS, MEASURED, List.of(path.getValue().proxyPids(), List.of(inventory.pid()))));
				context.log("%s: %s".formatted(path.getKey(), throughput.get(path.getKey())));
			}
			Map<String, LatencySummary> latency = latencies(paths);
			latency.forEach((path, result) -> context.log("%s at %d/s: %s".formatted(path, LATENCY_RATE, result)));
			return report(throughput, latency, context,
					nginxBinary.map(Nginx::version).orElse("not installed: no nginx row"));
		}
		finally {
			while (platform.instances(Service.GATEWAY).size() > 1) {
				platform.scaleIn(Service.GATEWAY);
			}
			if (nginx != null) {
				context.stop(nginx);
			}
			if (vanilla != null) {
				context.stop(vanilla);
			}
		}
	}

	/**
	 * The paths take turns, {@link #LATENCY_ROUNDS} rounds of {@link #LATENCY_ROUND}:
	 * whatever drifts meanwhile (a collection, a Prometheus scrape, the JIT) weighs on
	 * every path alike, and p99 rests on more samples.
	 */
	private static Map<String, LatencySummary> latencies(Map<String, Target> paths) throws InterruptedException {
		FixedRateSchedule schedule = new FixedRateSchedule(LATENCY_RATE);
		Map<String, Outcomes> outcomes = new LinkedHashMap<>();
		for (var path : paths.entrySet()) {
			outcomes.put(path.getKey(), new Outcomes());
			schedule.send(path.getValue().request(), LATENCY_WARM_UP, new Outcomes());
		}
		for (int round = 0; round < LATENCY_ROUNDS; round++) {
			for (var path : paths.entrySet()) {
				schedule.send(path.getValue().request(), LATENCY_ROUND, outcomes.get(path.getKey()));
			}
		}
		Map<String, LatencySummary> summaries = new LinkedHashMap<>();
		double seconds = LATENCY_ROUNDS * LATENCY_ROUND.toNanos() / 1e9;
		outcomes.forEach((path, recorded) -> summaries.put(path, recorded.summary(seconds)));
		return summaries;
	}

	/**
	 * What tracing costs the gateway: throughput lost and p99 added against the gateway
	 * without tracing, at the prod overlay's sampling and at every request.
	 */
	private static void tracingCost(Map<String, Saturation> throughput, Map<String, LatencySummary> latency,
			MarkdownTable verdict) {
		double untraced = throughput.get(GATEWAY_UNTRACED).throughput().okPerSecond();
		double sampledCost = 1 - Stats.ratio(throughput.get(GATEWAY_SAMPLED).throughput().okPerSecond(), untraced);
		double everyCost = 1 - Stats.ratio(throughput.get(GATEWAY).throughput().okPerSecond(), untraced);
		double untracedP99 = latency.get(GATEWAY_UNTRACED).p99();
		verdict
			.row("throughput lost to tracing 10 % of requests", Stats.fixed(sampledCost, 2),
					"<= " + TARGET_SAMPLED_TRACING_COST, Stats.atMost(sampledCost, TARGET_SAMPLED_TRACING_COST))
			.row("throughput lost to tracing every request", Stats.fixed(everyCost, 2), "", "")
			.row("p99 added by tracing 10 % of requests (ms)",
					Stats.fixed(latency.get(GATEWAY_SAMPLED).p99() - untracedP99, 2), "", "")
			.row("p99 added by tracing every request (ms)", Stats.fixed(latency.get(GATEWAY).p99() - untracedP99, 2),
					"", "");
	}

	private static String report(Map<String, Saturation> throughput, Map<String, LatencySummary> latency,
			BenchContext context, String nginxVersion) {
		double direct = throughput.get(DIRECT).throughput().okPerSecond();
		MarkdownTable saturated = new MarkdownTable("path", "2xx/s", "of direct", "warm-up (s)",
				"proxy CPU per request (ms)", "inventory-service CPU per request (ms)", "non-2xx", "errors");
		throughput.forEach((path, result) -> saturated.row(path, Stats.fixed(result.throughput().okPerSecond(), 0),
				Stats.fixed(Stats.ratio(result.throughput().okPerSecond(), direct), 2), result.warmUpSeconds(),
				path.equals(DIRECT) ? "-" : Stats.fixed(result.cpuMillisPerRequest().get(0), 3),
				Stats.fixed(result.cpuMillisPerRequest().get(1), 3), result.throughput().non2xx(),
				result.throughput().errors()));
		MarkdownTable fixedRate = new MarkdownTable("path", "requests", "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)",
				"non-2xx", "errors");
		latency.forEach((path, result) -> fixedRate.row(path, result.requests(), Stats.fixed(result.p50(), 2),
				Stats.fixed(result.p90(), 2), Stats.fixed(result.p99(), 2), Stats.fixed(result.max(), 2),
				result.non2xx(), result.errors()));
		double ratio = throughput.containsKey(NGINX)
				? Stats.ratio(throughput.get(GATEWAY_SAMPLED).throughput().okPerSecond(),
						throughput.get(NGINX).throughput().okPerSecond())
				: Double.NaN;
		double addedP99 = latency.get(GATEWAY_SAMPLED).p99() - latency.get(DIRECT).p99();
		double addedP50 = latency.get(GATEWAY_SAMPLED).p50() - latency.get(DIRECT).p50();
		MarkdownTable verdict = new MarkdownTable("measure", "value", "target", "")
			.row("throughput gateway (tracing 10 %)/nginx", Stats.fixed(ratio, 2), ">= " + TARGET_THROUGHPUT_RATIO,
					Stats.atLeast(ratio, TARGET_THROUGHPUT_RATIO))
			.row("p99 added by the gateway (tracing 10 %) (ms)", Stats.fixed(addedP99, 2), "<= " + TARGET_ADDED_P99_MS,
					Stats.atMost(addedP99, TARGET_ADDED_P99_MS))
			.row("p50 added by the gateway (tracing 10 %) (ms)", Stats.fixed(addedP50, 2), "", "");
		if (throughput.containsKey(VANILLA)) {
			double vanilla = throughput.get(VANILLA).throughput().okPerSecond();
			double ofVanilla = Stats.ratio(throughput.get(GATEWAY_SAMPLED).throughput().okPerSecond(), vanilla);
			double withToken = Stats.ratio(throughput.get(GATEWAY_WITH_TOKEN).throughput().okPerSecond(),
					throughput.get(VANILLA_WITH_TOKEN).throughput().okPerSecond());
			verdict
				.row("throughput gateway (tracing 10 %)/vanilla gateway, with a token", Stats.fixed(withToken, 2),
						">= " + TARGET_VANILLA_RATIO, Stats.atLeast(withToken, TARGET_VANILLA_RATIO))
				.row("throughput gateway (tracing 10 %)/vanilla gateway, anonymous", Stats.fixed(ofVanilla, 2),
						">= " + TARGET_VANILLA_RATIO, Stats.atLeast(ofVanilla, TARGET_VANILLA_RATIO))
				.row("throughput vanilla gateway/nginx",
						Stats.fixed(throughput.containsKey(NGINX)
								? Stats.ratio(vanilla, throughput.get(NGINX).throughput().okPerSecond()) : Double.NaN,
								2),
						"", "");
		}
		tracingCost(throughput, latency, verdict);
		return """
				GET %s, one inventory-service instance behind every path. Throughput: %s, %d connections, %d s per \
				path after warming it up in %d s rounds until a round is within %.0f%% of the one before (at most \
				%d s); CPU per request: user + system time of the proxy (nginx: master and workers) and of \
				inventory-service during the measured run. Latency: %d requests/s, after %d s of warm-up per path, \
				%d rounds of %d s with the paths taking turns; open loop (latency from the scheduled start: \
				coordinated-omission safe), Java HTTP/1.1 client with HdrHistogram. nginx: %s, keep-alive upstream, worker_processes auto, no access log.

				%s
				%s
				%s"""
			.formatted(Endpoints.PRODUCT, context.meter().description(), CONNECTIONS, MEASURED.toSeconds(),
					Saturation.WARM_UP_ROUND.toSeconds(), Saturation.STABLE * 100,
					Saturation.MAX_WARM_UP_ROUNDS * Saturation.WARM_UP_ROUND.toSeconds(), LATENCY_RATE,
					LATENCY_WARM_UP.toSeconds(), LATENCY_ROUNDS, LATENCY_ROUND.toSeconds(), nginxVersion,
					verdict.render(), saturated.render(), fixedRate.render());
	}

}
