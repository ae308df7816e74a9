package dev.twelvefactor.cli.bench;

import dev.twelvefactor.loadgen.ClosedLoopDriver;
import dev.twelvefactor.loadgen.LatencySummary;
import dev.twelvefactor.loadgen.LoadHttp;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * The fallback when wrk is not installed: as many keep-alive clients, from a Java client.
 */
final class ClosedLoopMeter implements ThroughputMeter {

	@Override
	public Throughput measure(URI target, Optional<String> authorization, Duration duration, int connections) {
		HttpRequest.Builder request = HttpRequest.newBuilder(LoadHttp.get(target), (name, value) -> true);
		authorization.ifPresent(value -> request.header("Authorization", value));
		HttpRequest get = request.build();
		LatencySummary run = new ClosedLoopDriver(connections, () -> get).run(duration);
		return new Throughput(run.ok() + run.non2xx(), run.non2xx(), run.errors(), run.seconds());
	}

	@Override
	public String description() {
		return "a Java closed loop (wrk is not installed; this client costs more CPU than wrk would)";
	}

}
