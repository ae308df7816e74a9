package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.Pause;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.Launch;
import dev.twelvefactor.launcher.process.ServiceInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Time to ready of order-service and inventory-service, BASELINE against TUNED: from the
 * process start until its readiness is UP, Eureka lists it UP and a request through the
 * gateway gets a 2xx from it. The measured instance is the only one of its service (the
 * platform's own is stopped meanwhile), so nothing else can answer that request.
 */
final class StartupBench implements Benchmark {

	static final double TARGET_RATIO = 0.25;

	/** Issue 15: TUNED readiness UP, seconds from the process start. */
	static final double TARGET_READINESS_UP = 3.0;

	/** Issue 15: the first 2xx through the gateway, seconds after readiness UP. */
	static final double TARGET_GATEWAY_AFTER_READINESS = 1.5;

	/**
	 * Issue 15: the whole platform, from the launcher's first step until all is ready.
	 */
	static final double TARGET_PLATFORM_START = 30.0;

	private static final List<Service> SERVICES = List.of(Service.ORDER, Service.INVENTORY);

	@Override
	public String title() {
		return "Startup: time to ready";
	}

	@Override
	public String run(LocalPlatform platform, BenchContext context) throws Exception {
		Map<Service, Map<Launch, List<StartupTimes>>> results = new EnumMap<>(Service.class);
		for (Service service : SERVICES) {
			results.put(service, measure(platform, service, context));
		}
		double platformStart = platform.startedIn().orElseThrow().toMillis() / 1000.0;
		return report(results, context.runs(), platformStart);
	}

	private Map<Launch, List<StartupTimes>> measure(LocalPlatform platform, Service service, BenchContext context)
			throws InterruptedException {
		Map<Launch, List<StartupTimes>> times = new EnumMap<>(Launch.class);
		ServiceInstance own = platform.instance(service);
		platform.stop(own);
		try {
			for (int run = 1; run <= context.runs(); run++) {
				// ABBA order: a drift over the runs (page cache, a busy neighbour) weighs
				// on both modes alike.
				List<Launch> order = run % 2 == 1 ? List.of(Launch.BASELINE, Launch.TUNED)
						: List.of(Launch.TUNED, Launch.BASELINE);
				for (Launch launch : order) {
					StartupTimes measured = startOnce(platform, service, launch);
					context.log("%s %s run %d/%d: %s".formatted(service.applicationName(), launch, run, context.runs(),
							measured));
					times.computeIfAbsent(launch, ignored -> new ArrayList<>()).add(measured);
				}
			}
		}
		finally {
			platform.restart(own);
		}
		return times;
	}

	private StartupTimes startOnce(LocalPlatform platform, Service service, Launch launch) throws InterruptedException {
		StartupWatch watch = new StartupWatch(platform, service);
		int index = platform.instances(service).size();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<StartupTimes> watched = executor.submit(watch::await);
			try {
				platform.scaleOut(service, launch);
				return watched.get();
			}
			catch (ExecutionException e) {
				throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
			}
			finally {
				watched.cancel(true);
				List<ServiceInstance> instances = platform.instances(service);
				if (instances.size() > index) {
					platform.stop(instances.get(index));
				}
				// The stopped JVM's exit and the next start must not overlap. The random
				// part puts each start at a random point of the gateway's
				// registry-fetch cycle: a fixed pause locked each mode to its own phase
				// of it, and so gave one mode a systematically longer wait for the
				// gateway.
				Pause.sleep(Duration.ofMillis(2_000 + ThreadLocalRandom.current().nextLong(2_000)));
			}
		}
	}

	private static String report(Map<Service, Map<Launch, List<StartupTimes>>> results, int runs,
			double platformStart) {
		MarkdownTable detail = new MarkdownTable("service", "launch", "ready median (s)", "min (s)", "max (s)",
				"readiness UP (s)", "UP in Eureka (s)", "seen by gateway (s)", "all runs (s)");
		MarkdownTable ratios = new MarkdownTable("service", "BASELINE (s)", "TUNED (s)", "TUNED/BASELINE", "target", "",
				"readiness UP alone: TUNED/BASELINE");
		MarkdownTable absolute = new MarkdownTable("what (TUNED)", "seconds", "target", "");
		absolute.row("whole platform started (./platform up's \"Platform ready in\")", Stats.fixed(platformStart, 1),
				"<= " + TARGET_PLATFORM_START, Stats.atMost(platformStart, TARGET_PLATFORM_START));
		for (var byService : results.entrySet()) {
			String name = byService.getKey().applicationName();
			for (Launch launch : List.of(Launch.BASELINE, Launch.TUNED)) {
				List<StartupTimes> times = byService.getValue().get(launch);
				List<Double> ready = times.stream().map(StartupTimes::ready).toList();
				detail.row(name, launch, Stats.fixed(Stats.median(ready), 2), Stats.fixed(Stats.min(ready), 2),
						Stats.fixed(Stats.max(ready), 2), Stats.fixed(median(times, StartupTimes::readinessUp), 2),
						Stats.fixed(median(times, StartupTimes::upInEureka), 2),
						Stats.fixed(median(times, StartupTimes::seenByGateway), 2),
						ready.stream().map(value -> Stats.fixed(value, 2)).collect(Collectors.joining(" ")));
			}
			double baseline = medianReady(byService.getValue().get(Launch.BASELINE));
			double tuned = medianReady(byService.getValue().get(Launch.TUNED));
			double ratio = Stats.ratio(tuned, baseline);
			// What the launch mode decides alone; registration and the gateway's registry
			// fetch add the same to both.
			double readiness = Stats.ratio(median(byService.getValue().get(Launch.TUNED), StartupTimes::readinessUp),
					median(byService.getValue().get(Launch.BASELINE), StartupTimes::readinessUp));
			ratios.row(name, Stats.fixed(baseline, 2), Stats.fixed(tuned, 2), Stats.fixed(ratio, 2),
					"<= " + TARGET_RATIO, Stats.atMost(ratio, TARGET_RATIO), Stats.fixed(readiness, 2));
			List<StartupTimes> tunedTimes = byService.getValue().get(Launch.TUNED);
			double readinessUp = median(tunedTimes, StartupTimes::readinessUp);
			double gatewayAfter = median(tunedTimes, times -> times.firstGateway2xx() - times.readinessUp());
			absolute.row(name + ": readiness UP", Stats.fixed(readinessUp, 2), "<= " + TARGET_READINESS_UP,
					Stats.atMost(readinessUp, TARGET_READINESS_UP));
			absolute.row(name + ": first 2xx through the gateway after readiness UP", Stats.fixed(gatewayAfter, 2),
					"<= " + TARGET_GATEWAY_AFTER_READINESS, Stats.atMost(gatewayAfter, TARGET_GATEWAY_AFTER_READINESS));
		}
		return """
				Seconds from process start until readiness UP, UP in Eureka and the first 2xx through the gateway \
				(GET %s for inventory-service, GET %s for order-service), with the measured instance the only one \
				of its service; median of %d starts per mode, BASELINE and TUNED alternating (ABBA). The steps are \
				polled every 20 ms, one after the other; the gateway request is sent once the gateway's registry \
				copy (fetched every second) lists the instance. Each start follows the previous instance's stop after a random \
				2-4 s, so it falls at a random point of that fetch cycle. Step columns are medians too. The whole \
				platform's start is that of the platform this benchmark ran on (one instance each, started as \
				./platform up starts them).

				%s
				%s
				%s"""
			.formatted(Endpoints.PRODUCT, Endpoints.ORDER_PAGE, runs, absolute.render(), ratios.render(),
					detail.render());
	}

	private static double medianReady(List<StartupTimes> times) {
		return median(times, StartupTimes::ready);
	}

	private static double median(List<StartupTimes> times, ToDoubleFunction<StartupTimes> step) {
		return Stats.median(times.stream().map(step::applyAsDouble).toList());
	}

}
