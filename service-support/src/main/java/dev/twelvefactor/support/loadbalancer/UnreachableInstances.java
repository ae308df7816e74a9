package dev.twelvefactor.support.loadbalancer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.beans.factory.DisposableBean;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Passive outlier ejection: an instance that refused a connection (or did not accept one
 * in time) is left out of load balancing at once, instead of for the 15–30 s until Eureka
 * expires its lease. A dead instance of several then fails at most the requests already
 * on their way to it; callers retry those elsewhere. It is let back in as soon as its
 * port accepts a TCP connection again (checked every {@code probeInterval}), so a
 * restarted instance on the same address is used again without delay. Only connection
 * failures count: an instance that answers, even with errors, is the circuit breaker's
 * business, not this.
 *
 * <p>
 * Fed by Spring Cloud LoadBalancer's own lifecycle callbacks, so it sees every
 * load-balanced call: the gateway's routes and RestClient calls between services.
 */
public final class UnreachableInstances
		implements LoadBalancerLifecycle<Object, Object, ServiceInstance>, MeterBinder, DisposableBean {

	private final Map<String, Instant> unreachableSince = new ConcurrentHashMap<>();

	private final Duration probeInterval;

	private final Duration forgetAfter;

	private final Clock clock;

	private final ScheduledExecutorService prober;

	private volatile MeterRegistry registry;

	/**
	 * @param probeInterval how often an ejected instance's port is tried
	 * @param forgetAfter an instance that never comes back is forgotten after this
	 * (Eureka has dropped it by then)
	 */
	public UnreachableInstances(Duration probeInterval, Duration forgetAfter) {
		this(probeInterval, forgetAfter, Clock.systemUTC(), true);
	}

	UnreachableInstances(Duration probeInterval, Duration forgetAfter, Clock clock, boolean probe) {
		this.probeInterval = probeInterval;
		this.forgetAfter = forgetAfter;
		this.clock = clock;
		if (probe) {
			this.prober = Executors
				.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("unreachable-instances-probe").factory());
			prober.scheduleWithFixedDelay(this::probe, probeInterval.toMillis(), probeInterval.toMillis(),
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
		if (completion.status() == CompletionContext.Status.FAILED && isConnectionFailure(completion.getThrowable())
				&& completion.getLoadBalancerResponse() != null && completion.getLoadBalancerResponse().hasServer()) {
			eject(completion.getLoadBalancerResponse().getServer());
		}
	}

	void eject(ServiceInstance instance) {
		if (unreachableSince.putIfAbsent(address(instance), clock.instant()) == null && registry != null) {
			Counter.builder("loadbalancer.ejections")
				.description("Instances left out of load balancing after a refused connection")
				.tag("service", String.valueOf(instance.getServiceId()))
				.register(registry)
				.increment();
		}
	}

	public boolean isUnreachable(ServiceInstance instance) {
		return unreachableSince.containsKey(address(instance));
	}

	/**
	 * Lets back in every instance whose port accepts a connection again; forgets those
	 * gone for long.
	 */
	void probe() {
		Instant now = clock.instant();
		unreachableSince.forEach((address, since) -> {
			if (accepts(address) || since.plus(forgetAfter).isBefore(now)) {
				unreachableSince.remove(address, since);
			}
		});
	}

	boolean accepts(String address) {
		int colon = address.lastIndexOf(':');
		try (Socket socket = new Socket()) {
			socket.connect(
					new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
					(int) Math.min(probeInterval.toMillis(), 500));
			return true;
		}
		catch (IOException | RuntimeException e) {
			return false;
		}
	}

	static boolean isConnectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// Netty's connect timeout is a ConnectException too; the JDK client's is not.
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static String address(ServiceInstance instance) {
		return instance.getHost() + ":" + instance.getPort();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("loadbalancer.unreachable.instances", unreachableSince, Map::size)
			.description("Instances currently left out of load balancing because they refused connections")
			.register(registry);
	}

	@Override
	public void destroy() {
		if (prober != null) {
			prober.shutdownNow();
		}
	}

}
