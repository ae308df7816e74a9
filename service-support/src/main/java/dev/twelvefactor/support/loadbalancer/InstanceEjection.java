package dev.twelvefactor.support.loadbalancer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Passive outlier ejection (Envoy's outlier detection): an instance that refused a
 * connection, or did not answer a request in time, is left out of load balancing at once,
 * instead of for the 15–30 s until Eureka expires its lease. Callers retry the failed
 * request elsewhere, so a dead or frozen instance of several costs at most the requests
 * already on their way to it.
 * <p>
 * One failure is enough, not Envoy's default of five in a row: a per-try timeout is many
 * times the normal latency, so a timeout is strong evidence, and a wrong ejection is
 * cheap, since the instance is let back in as soon as it answers its liveness probe (at
 * most one {@code probeInterval} later). Waiting for more failures would cost a client a
 * full timeout each.
 * <p>
 * Re-admission is by HTTP, not by a TCP connect: the kernel still accepts connections for
 * a hung (SIGSTOPped, deadlocked) process, only an answer shows it runs. Every
 * {@code probeInterval} each ejected instance gets a {@link LivenessProbe}. Answers, even
 * with errors, are the circuit breaker's business, not this.
 * <p>
 * Fed by Spring Cloud LoadBalancer's own lifecycle callbacks, so it sees every
 * load-balanced call: the gateway's routes and RestClient calls between services.
 */
public final class InstanceEjection
		implements LoadBalancerLifecycle<Object, Object, ServiceInstance>, MeterBinder, DisposableBean {

	/**
	 * Timeouts by type name, for clients this module does not depend on: the gateway's
	 * per-try response timeout and Netty's read timeout; Reactor's {@code timeout()}.
	 * Exact names, so that a subclass such as a connection pool's acquire timeout (the
	 * caller's own congestion, not the instance's) does not count.
	 */
	private static final Set<String> TIMEOUTS = Set.of("org.springframework.cloud.gateway.support.TimeoutException",
			"io.netty.handler.timeout.ReadTimeoutException", TimeoutException.class.getName());

	/** Why an instance was left out: the tag {@code reason} of the ejection counter. */
	public enum Reason {

		/** It refused the connection, or did not accept it within the connect timeout. */
		REFUSED,

		/** It accepted the request but did not answer within the per-try timeout. */
		TIMEOUT;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private record Ejection(ServiceInstance instance, Reason reason, Instant since) {
	}

	private static final Logger log = LoggerFactory.getLogger(InstanceEjection.class);

	private final Map<String, Ejection> ejected = new ConcurrentHashMap<>();

	private final Duration forgetAfter;

	private final LivenessProbe liveness;

	private final Clock clock;

	private final ScheduledExecutorService prober;

	private volatile MeterRegistry registry;

	/**
	 * @param probeInterval how often an ejected instance is probed
	 * @param forgetAfter an instance that never comes back is forgotten after this
	 * (Eureka has dropped it by then)
	 */
	public InstanceEjection(Duration probeInterval, Duration forgetAfter) {
		this(probeInterval, forgetAfter, Clock.systemUTC(), true);
	}

	InstanceEjection(Duration probeInterval, Duration forgetAfter, Clock clock, boolean probe) {
		this.forgetAfter = forgetAfter;
		this.clock = clock;
		this.liveness = new LivenessProbe(probeInterval);
		if (probe) {
			this.prober = Executors
				.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("instance-ejection-probe").factory());
			prober.scheduleWithFixedDelay(this::probeQuietly, probeInterval.toMillis(), probeInterval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		else {
			this.prober = null;
		}
	}

	@Override
	public void onStart(Request<Object> request) {
	}

	@Override
	public void onStartRequest(Request<Object> request, Response<ServiceInstance> response) {
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
		Response<ServiceInstance> chosen = completion.getLoadBalancerResponse();
		if (completion.status() != CompletionContext.Status.FAILED || chosen == null || !chosen.hasServer()) {
			return;
		}
		Reason reason = reasonFor(completion.getThrowable());
		if (reason != null) {
			eject(chosen.getServer(), reason);
		}
	}

	void eject(ServiceInstance instance, Reason reason) {
		if (ejected.putIfAbsent(address(instance), new Ejection(instance, reason, clock.instant())) == null
				&& registry != null) {
			Counter.builder("loadbalancer.ejections")
				.description("Instances left out of load balancing after a refused connection or a timeout")
				.tag("service", String.valueOf(instance.getServiceId()))
				.tag("reason", reason.tag())
				.register(registry)
				.increment();
		}
	}

	public boolean isEjected(ServiceInstance instance) {
		return ejected.containsKey(address(instance));
	}

	/**
	 * A scheduled task that throws is never run again: an ejected instance would stay out
	 * for good, since forgetting runs in the probe too.
	 */
	private void probeQuietly() {
		try {
			probe();
		}
		catch (RuntimeException failure) {
			log.warn("Probing the ejected instances failed; trying again in a moment", failure);
		}
	}

	/**
	 * Lets back in every instance that answers its liveness probe; forgets those gone for
	 * long. The probes run in parallel, each bounded by the probe's timeout.
	 */
	void probe() {
		Instant now = clock.instant();
		ejected.forEach((address, ejection) -> {
			if (ejection.since().plus(forgetAfter).isBefore(now)) {
				ejected.remove(address, ejection);
			}
		});
		Map<String, Ejection> probed = Map.copyOf(ejected);
		var answers = probed.entrySet()
			.stream()
			.map(entry -> liveness.isAlive(entry.getValue().instance()).thenAccept(alive -> {
				if (alive) {
					ejected.remove(entry.getKey(), entry.getValue());
				}
			}))
			.toList();
		answers.forEach(answer -> answer.exceptionally(ignored -> null).join());
	}

	/**
	 * Why this failure leaves the instance out, or null when it does not: a connection
	 * failure anywhere in the causes first (a connect timeout is one), else a timeout.
	 */
	static Reason reasonFor(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// Netty's connect timeout is a ConnectException too; the JDK client's is not.
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
				return Reason.REFUSED;
			}
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
					|| TIMEOUTS.contains(cause.getClass().getName())) {
				return Reason.TIMEOUT;
			}
		}
		return null;
	}

	static String address(ServiceInstance instance) {
		return instance.getHost() + ":" + instance.getPort();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("loadbalancer.unreachable.instances", ejected, Map::size)
			.description("Instances currently left out of load balancing (refused connections or timed out)")
			.register(registry);
	}

	@Override
	public void destroy() {
		if (prober != null) {
			prober.shutdownNow();
		}
		liveness.close();
	}

}
