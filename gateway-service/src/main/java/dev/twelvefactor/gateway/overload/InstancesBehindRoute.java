package dev.twelvefactor.gateway.overload;

import org.springframework.cloud.client.discovery.DiscoveryClient;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The instances a route's limit floor counts: the most the discovery client's local copy
 * of the registry listed for the route's service within the last {@code scaleDownDelay}.
 * Up at the next reading (within a second), down only once they have been fewer for that
 * long, as an autoscaler stabilises a scale-down: an instance restarting in a rolling
 * update is gone for half a minute while the others take its share, slower for a while
 * (one of them just started, its JIT cold); a floor that dropped with it refused, at the
 * gateway, requests those instances went on to serve.
 */
final class InstancesBehindRoute {

	private final DiscoveryClient discovery;

	private final String service;

	private final long scaleDownDelayNanos;

	private final LongSupplier nanoTime;

	/**
	 * The floor is read after every request; the registry's local copy is asked at most
	 * this often, which is as often as the Eureka client refreshes it. Asking it for
	 * every request (through the Eureka client's refresh-scope proxy) showed in the
	 * gateway's CPU profile.
	 */
	static final long REREAD_NANOS = Duration.ofSeconds(1).toNanos();

	private int highest;

	private long readAt;

	private long highestSeenAt;

	InstancesBehindRoute(DiscoveryClient discovery, String service, Duration scaleDownDelay, LongSupplier nanoTime) {
		this.discovery = discovery;
		this.service = service;
		this.scaleDownDelayNanos = scaleDownDelay.toNanos();
		this.nanoTime = nanoTime;
	}

	/** At least one: a route whose service has no instance now still has a floor. */
	synchronized int count() {
		long time = nanoTime.getAsLong();
		if (highest > 0 && time - readAt < REREAD_NANOS) {
			return highest;
		}
		readAt = time;
		int now = (service != null) ? Math.max(1, discovery.getInstances(service).size()) : 1;
		if (now >= highest || time - highestSeenAt > scaleDownDelayNanos) {
			highest = now;
			highestSeenAt = time;
		}
		return highest;
	}

}
