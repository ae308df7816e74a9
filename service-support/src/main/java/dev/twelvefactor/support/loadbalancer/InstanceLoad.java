package dev.twelvefactor.support.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

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
	 * has nothing in flight its average also decays towards zero, so an instance that was
	 * slow (or was left out) is tried again after a few seconds, as Finagle's and
	 * Linkerd's EWMA balancers let an idle endpoint's cost fade.
	 */
	static final Duration DECAY = Duration.ofSeconds(1);

	/**
	 * Added to every latency estimate: an instance with no estimate yet (new, or idle for
	 * long) costs 1 ms per request in flight, so it gets a few requests at once, not all.
	 */
	static final double MIN_LATENCY_NANOS = Duration.ofMillis(1).toNanos();

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
		Stats instance = stats.computeIfAbsent(InstanceEjection.address(response.getServer()), ignored -> new Stats());
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
		Stats instanceStats = stats.get(InstanceEjection.address(instance));
		if (instanceStats == null) {
			return MIN_LATENCY_NANOS;
		}
		int outstanding = instanceStats.outstanding.get();
		return (instanceStats.latency(nanoTime.getAsLong(), outstanding) + MIN_LATENCY_NANOS) * (outstanding + 1);
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

		private double ewmaNanos;

		private long updatedAt;

		private boolean sampled;

		/**
		 * Adds a latency sample, weighted by the time since the last one. A failure only
		 * ever raises the estimate.
		 */
		synchronized void sample(long latencyNanos, long now, boolean answered) {
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

		/**
		 * The estimate; decayed towards zero by the time since the last sample while
		 * nothing is in flight (an instance with requests pending keeps its estimate).
		 */
		synchronized double latency(long now, int outstanding) {
			if (!sampled) {
				return 0;
			}
			return outstanding > 0 ? ewmaNanos
					: ewmaNanos * Math.exp(-(double) Math.max(0, now - updatedAt) / DECAY.toNanos());
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
