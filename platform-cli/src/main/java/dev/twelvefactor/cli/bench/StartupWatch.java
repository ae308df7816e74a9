package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.Pause;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.launcher.readiness.ReadinessPolicy;
import dev.twelvefactor.launcher.readiness.ReadinessProbe;
import dev.twelvefactor.loadgen.TokenSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Watches the next instance of a service the platform starts, from its process start
 * until the gateway routes a request to it. Polls every 20 ms, each step only after the
 * one before it (readiness, Eureka, the gateway's copy of the registry, a request through
 * the gateway), so that the watching costs the starting JVM little. The request waits
 * until the gateway lists the instance: sent before, with no instance to route to, it
 * fails, and a burst of such failures opens the route's circuit breaker, which would then
 * be measured instead of the instance.
 */
final class StartupWatch {

	private static final Duration POLL = Duration.ofMillis(20);

	private final LocalPlatform platform;

	private final Service service;

	private final int instancesBefore;

	private final ReadinessProbe probe;

	private final TokenSource tokens;

	/**
	 * Created before the platform starts the instance: the next one in its list is the
	 * one watched.
	 */
	StartupWatch(LocalPlatform platform, Service service) {
		this.platform = platform;
		this.service = service;
		this.probe = platform.probe();
		// A token of its own, fetched now: fresh for minutes, it is never renewed while
		// the start is timed.
		this.tokens = Endpoints.tokens(platform);
		tokens.accessToken();
		this.instancesBefore = platform.instances(service).size();
	}

	StartupTimes await() {
		ServiceInstance instance = awaitProcessStart();
		Instant start = instance.startedAt();
		Instant deadline = start.plus(ReadinessPolicy.READY_TIMEOUT);
		String read = Endpoints.readOf(service);
		String throughGateway = platform.gatewayUrl() + read;
		ServiceInstance gateway = platform.instance(Service.GATEWAY);
		double readiness = Double.NaN;
		double eureka = Double.NaN;
		double seenByGateway = Double.NaN;
		while (true) {
			if (!instance.isAlive() || Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(instance.name() + " did not get ready; see " + instance.logFile());
			}
			if (Double.isNaN(readiness)) {
				readiness = probe.isReady(instance) ? secondsSince(start) : Double.NaN;
			}
			else if (Double.isNaN(eureka)) {
				eureka = probe.isUpInEureka(platform.eurekaUrl(), instance) ? secondsSince(start) : Double.NaN;
			}
			else if (Double.isNaN(seenByGateway)) {
				// The measured instance is the only one of its service, so any instance
				// listed is this one.
				seenByGateway = probe.instancesSeenBy(gateway, service.applicationName()) > 0 ? secondsSince(start)
						: Double.NaN;
			}
			else if (status(throughGateway, Endpoints.authorization(read, tokens)) / 100 == 2) {
				return new StartupTimes(readiness, eureka, seenByGateway, secondsSince(start));
			}
			Pause.sleep(POLL);
		}
	}

	/**
	 * The instance the platform is about to start; it is listed before its process
	 * starts.
	 */
	private ServiceInstance awaitProcessStart() {
		Instant deadline = Instant.now().plusSeconds(30);
		while (Instant.now().isBefore(deadline)) {
			List<ServiceInstance> instances = platform.instances(service);
			if (instances.size() > instancesBefore && instances.get(instancesBefore).startedAt() != null) {
				return instances.get(instancesBefore);
			}
			Pause.sleep(Duration.ofMillis(2));
		}
		throw new IllegalStateException("The platform started no new instance of " + service.applicationName());
	}

	private int status(String url, Optional<String> authorization) {
		return authorization.map(value -> probe.status(url, value)).orElseGet(() -> probe.status(url));
	}

	private static double secondsSince(Instant start) {
		return Duration.between(start, Instant.now()).toNanos() / 1e9;
	}

}
