package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the gateway's time goes under load: a JFR recording (the JDK's {@code profile}
 * settings: a CPU sample of every running thread every 10 ms or so) of the platform's
 * gateway while the benchmark's read goes through it at saturation, once warmed up, and a
 * summary of the hottest frames. The recording stays for a closer look (JDK Mission
 * Control, {@code jfr print}, {@code jfr view hot-methods}).
 */
final class GatewayProfile implements Benchmark {

	static final Duration RECORDED = Duration.ofSeconds(30);
	static final int METHODS = 30;
	static final String RECORDING = "gateway-profile.jfr";

	@Override
	public String title() {
		return "Gateway: where its time goes (JFR profile)";
	}

	@Override
	public String run(LocalPlatform platform, BenchContext context) throws Exception {
		ServiceInstance gateway = platform.instance(Service.GATEWAY);
		URI target = URI.create(platform.gatewayUrl() + Endpoints.PRODUCT);
		int warmUpSeconds = Saturation.warmUp(context.meter(), target, Optional::empty, GatewayBench.CONNECTIONS);
		Path recording = context.outputDirectory().resolve(RECORDING).toAbsolutePath();
		Files.createDirectories(recording.getParent());
		Files.deleteIfExists(recording);
		context.log("Recording %s of gateway-service (pid %d) for %d s".formatted(recording, gateway.pid(),
				RECORDED.toSeconds()));
		jcmd(gateway.pid(), "JFR.start", "name=gateway-profile", "settings=profile", "filename=" + recording);
		Throughput throughput = context.meter().measure(target, Optional.empty(), RECORDED, GatewayBench.CONNECTIONS);
		jcmd(gateway.pid(), "JFR.stop", "name=gateway-profile");
		HotFrames frames = HotFrames.of(recording);
		return """
				GET %s through the gateway at saturation (%s, %d connections), after a warm-up of %d s until \
				a 10 s round was within %.0f%% of the one before; recorded for %d s: %.0f 2xx/s, %d non-2xx. \
				%d CPU samples of the gateway's threads; the recording is %s.

				%s""".formatted(Endpoints.PRODUCT, context.meter().description(), GatewayBench.CONNECTIONS,
				warmUpSeconds, Saturation.STABLE * 100, RECORDED.toSeconds(), throughput.okPerSecond(),
				throughput.non2xx(), frames.samples(), context.shown(recording), frames.render(METHODS));
	}

	/**
	 * Runs a diagnostic command in the gateway's JVM (the JDK's jcmd, as the launcher's).
	 */
	private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
		line.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (jcmd.waitFor() != 0) {
			throw new IOException(String.join(" ", line) + " failed: " + output);
		}
	}

}
