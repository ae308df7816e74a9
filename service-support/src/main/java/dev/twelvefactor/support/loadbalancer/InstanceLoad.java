package dev.twelvefactor.support.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * How loaded each instance is, as this process sees it: its requests in flight and an
 * exponentially weighted moving average of their latency, for {@link LeastLoadedOfTwo}.
 * Fed by Spring Cloud LoadBalancer's lifecycle callbacks, like {@link InstanceEjection},
 * so it sees the gateway's routes and RestClient calls alike.
 * <p>
 * Every started request must end exactly once, or an instance would look busy forever and
 * never be chosen again. A request is known by its load balancer {@link Request} (the
 * same object in {@code onStartRequest} and {@code onComplete} on both paths) or by the
 * {@link Response} that chose it (what the gateway keeps in the exchange; the blocking
 * client passes a copy to {@code onStartRequest} but the same request). Ending it twice,
 * as with the stale response the gateway reports for a retry that found no instance, is a
 * no-op; a request the caller cancels ends through {@link #abandon(Response)}.
 */
public final class InstanceLoad implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

	/**
	 * The latency average forgets with this time constant: a second of samples outweighs
	 * older ones, so a slowed instance is seen within about a second. While an instance
	 * has nothing in flight its average also decays, towards half the best average among
	 * its service's instances, so an instance that was slow (or was left out) is tried
	 * again after a few seconds, as Finagle's and Linkerd's EWMA balancers let an idle
	 * endpoint's cost fade. Not towards zero: an instance idle for long would then cost
	 * next to nothing, and every request would go to it until its first answers came
	 * back; an instance without a sample yet (just started, with a cold JIT) costs half
	 * what the best one does, so it gets about twice the share of a busy one until its
	 * first answers are in, not every request.
	 */
	static final Duration DECAY = Duration.ofSeconds(1);

	/**
	 * Added to every latency estimate, so that in-flight requests count when none has
	 * one.
	 */
	static final double MIN_LATENCY_NANOS = Duration.ofMillis(1).toNanos();

	/**
	 * How long an instance's answers tell what the service takes now: ten times the
	 * average's time constant, many answers under any load worth the name.
	 */
	static final Duration RECENT = DECAY.multipliedBy(10);

	private final Map<String, Stats> stats = new ConcurrentHashMap<>();

	private final Map<Identity, InFlight> inFlight = new ConcurrentHashMap<>();

	private final LongSupplier nanoTime;

	public InstanceLoad() {
		this(System::nanoTime);
	}

	InstanceLoad(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	@Override
	public void onStart(Request<Object> request) {
	}

	@Override
	public void onStartRequest(Request<Object> request, Response<ServiceInstance> response) {
		if (response == null || !response.hasServer()) {
			return;
		}
		Stats instance = stats.computeIfAbsent(InstanceEjection.address(response.getServer()),
				ignored -> new Stats(response.getServer().getServiceId()));
		instance.outstanding.incrementAndGet();
		InFlight started = new InFlight(instance, nanoTime.getAsLong(), request == null ? null : new Identity(request),
				new Identity(response));
		if (started.request != null) {
			inFlight.put(started.request, started);
		}
		inFlight.put(started.response, started);
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
		InFlight ended = completion.getLoadBalancerRequest() == null ? null
				: inFlight.get(new Identity(completion.getLoadBalancerRequest()));
		if (ended == null && completion.getLoadBalancerResponse() != null) {
			ended = inFlight.get(new Identity(completion.getLoadBalancerResponse()));
		}
		if (ended != null) {
			end(ended, completion.status() == CompletionContext.Status.SUCCESS && !serverError(completion));
		}
	}

	/**
	 * Ends a request the caller gave up on (cancelled) without a completion callback. No
	 * latency sample: how long the instance would have taken is unknown.
	 */
	public void abandon(Response<?> response) {
		InFlight ended = response == null ? null : inFlight.get(new Identity(response));
		if (ended != null && ended.ended.compareAndSet(false, true)) {
			forget(ended);
			ended.instance.outstanding.decrementAndGet();
		}
	}

	private void end(InFlight ended, boolean answered) {
		if (!ended.ended.compareAndSet(false, true)) {
			return;
		}
		forget(ended);
		long now = nanoTime.getAsLong();
		ended.instance.sample(now - ended.startedAt, now, answered);
		ended.instance.outstanding.decrementAndGet();
	}

	private void forget(InFlight ended) {
		if (ended.request != null) {
			inFlight.remove(ended.request);
		}
		inFlight.remove(ended.response);
	}

	/** Requests in flight to the instance. */
	public int outstanding(ServiceInstance instance) {
		Stats instanceStats = stats.get(InstanceEjection.address(instance));
		return instanceStats == null ? 0 : instanceStats.outstanding.get();
	}

	/**
	 * What one more request to the instance is expected to cost: its latency estimate
	 * times the requests it would then have in flight (Finagle's and Linkerd's
	 * {@code ewma * (pending + 1)}). A frozen instance piles up requests and a slow one
	 * has a high estimate: both cost more than a healthy one.
	 */
	public double cost(ServiceInstance instance) {
		double best = bestLatency(instance.getServiceId());
		Stats instanceStats = stats.get(InstanceEjection.address(instance));
		if (instanceStats == null) {
			return best / 2 + MIN_LATENCY_NANOS;
		}
		int outstanding = instanceStats.outstanding.get();
		return (instanceStats.latency(nanoTime.getAsLong(), outstanding, best) + MIN_LATENCY_NANOS) * (outstanding + 1);
	}

	/**
	 * What an answer of the service takes on its best instance now: the lowest latency
	 * average among its instances that answered within {@link #RECENT}; empty when none
	 * did. A caller's per-try timeout follows it, so that a service slow as a whole
	 * (every instance starting with a cold JIT, a busy machine) is waited for rather than
	 * retried. Empty is "not known", not "fast": instances restarted at the addresses of
	 * stopped ones (a rolling restart, a service down and back) would otherwise inherit
	 * the old instances' averages, and their first, cold answers be cut short as if they
	 * hung. Service ids compare ignoring case, as discovery does: Eureka's instances
	 * carry the application name in capitals, a route's URI names the service in lower
	 * case.
	 * @param serviceId the service
	 * @return the best recent latency average, if the service answered recently
	 */
	public Optional<Duration> typicalLatency(String serviceId) {
		long now = nanoTime.getAsLong();
		double best = bestLatency(serviceId, instance -> instance.answeredWithin(now, RECENT.toNanos()));
		return best == Double.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos((long) best));
	}

	/**
	 * The lowest latency average among the service's instances that have one (zero when
	 * none has): what a new or long idle instance is assumed to take.
	 */
	private double bestLatency(String serviceId) {
		double best = bestLatency(serviceId, instance -> true);
		return best == Double.MAX_VALUE ? 0 : best;
	}

	/**
	 * The lowest latency average among the service's instances that {@code counted}
	 * accepts, {@link Double#MAX_VALUE} when none has one.
	 */
	private double bestLatency(String serviceId, Predicate<Stats> counted) {
		double best = Double.MAX_VALUE;
		for (Stats instance : stats.values()) {
			if (instance.serviceId.equalsIgnoreCase(serviceId) && counted.test(instance)) {
				best = Math.min(best, instance.average());
			}
		}
		return best;
	}

	/**
	 * A 5xx answer is no evidence of speed: a fast-failing instance must not look like
	 * the best one (a "black hole" would attract all traffic).
	 */
	private static boolean serverError(CompletionContext<Object, ServiceInstance, Object> completion) {
		return completion.getClientResponse() instanceof ResponseData response && response.getHttpStatus() != null
				&& response.getHttpStatus().is5xxServerError();
	}

	private static final class Stats {

		final AtomicInteger outstanding = new AtomicInteger();

		final String serviceId;

		private double ewmaNanos;

		private long updatedAt;

		private boolean sampled;

		private long answeredAt;

		private boolean answered;

		Stats(String serviceId) {
			this.serviceId = String.valueOf(serviceId);
		}

		/** The average as sampled, or {@link Double#MAX_VALUE} without a sample. */
		synchronized double average() {
			return sampled ? ewmaNanos : Double.MAX_VALUE;
		}

		/**
		 * Adds a latency sample, weighted by the time since the last one. A failure only
		 * ever raises the estimate.
		 */
		synchronized void sample(long latencyNanos, long now, boolean answered) {
			if (answered) {
				this.answered = true;
				answeredAt = now;
			}
			if (!sampled) {
				ewmaNanos = latencyNanos;
				sampled = true;
			}
			else if (answered || latencyNanos > ewmaNanos) {
				double weight = Math.exp(-(double) Math.max(0, now - updatedAt) / DECAY.toNanos());
				ewmaNanos = ewmaNanos * weight + latencyNanos * (1 - weight);
			}
			updatedAt = now;
		}

		/** Whether the instance answered in the last {@code nanos}. */
		synchronized boolean answeredWithin(long now, long nanos) {
			return answered && now - answeredAt <= nanos;
		}

		/**
		 * The estimate: half of {@code best} without a sample; while nothing is in
		 * flight, decayed by the time since the last sample towards half of {@code best},
		 * so that after a few idle seconds the instance is cheaper than the best one and
		 * gets a request that shows whether it recovered (an instance with requests
		 * pending keeps its estimate).
		 */
		synchronized double latency(long now, int outstanding, double best) {
			double target = best / 2;
			if (!sampled) {
				return target;
			}
			if (outstanding > 0 || ewmaNanos <= target) {
				return ewmaNanos;
			}
			return target + (ewmaNanos - target) * Math.exp(-(double) Math.max(0, now - updatedAt) / DECAY.toNanos());
		}

	}

	private static final class InFlight {

		final Stats instance;

		final long startedAt;

		final Identity request;

		final Identity response;

		final AtomicBoolean ended = new AtomicBoolean();

		InFlight(Stats instance, long startedAt, Identity request, Identity response) {
			this.instance = instance;
			this.startedAt = startedAt;
			this.request = request;
			this.response = response;
		}

	}

	/**
	 * A map key that is equal only to itself: requests and responses compare by value.
	 */
	private record Identity(Object target) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Identity identity && identity.target == target;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(target);
		}

	}

}
