package dev.twelvefactor.support.loadbalancer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The power of two choices over {@link InstanceLoad}'s costs, on a simulated clock: which
 * instance each request goes to when one is frozen, slow, or back.
 */
class LeastLoadedOfTwoTest {

	static final ServiceInstance A = new DefaultServiceInstance("a", "inventory-service", "127.0.0.1", 1001, false);

	static final ServiceInstance B = new DefaultServiceInstance("b", "inventory-service", "127.0.0.1", 1002, false);

	final AtomicLong nanos = new AtomicLong();

	final InstanceLoad load = new InstanceLoad(nanos::get);

	final Map<ServiceInstance, Integer> sentBefore = new HashMap<>(Map.of(A, 0, B, 0));

	final LeastLoadedOfTwo balancer = new LeastLoadedOfTwo("inventory-service", supplier(A, B), load, new Random(42));

	@Test
	void choosesTheInstanceWithFewerRequestsInFlight() {
		for (int i = 0; i < 3; i++) {
			start(A);
		}
		for (int i = 0; i < 50; i++) {
			assertThat(balancer.choose(List.of(A, B)).getServer()).isEqualTo(B);
		}
	}

	@Test
	void withoutAnyLoadTheChoiceIsRandom() {
		Map<ServiceInstance, Integer> chosen = new HashMap<>();
		for (int i = 0; i < 200; i++) {
			chosen.merge(balancer.choose(List.of(A, B)).getServer(), 1, Integer::sum);
		}
		assertThat(chosen.get(A)).isBetween(60, 140);
	}

	@Test
	void throughTheSupplierAsSpringCloudLoadBalancerCallsIt() {
		start(A);
		assertThat(balancer.choose(new DefaultRequest<>()).block().getServer()).isEqualTo(B);
		assertThat(new LeastLoadedOfTwo("x", supplier(), load).choose(new DefaultRequest<>()).block().hasServer())
			.isFalse();
	}

	/**
	 * The instance list is looked up in the bean factory once, not for every request
	 * (where the lookup cost the gateway more CPU than choosing the instance), and only
	 * once it exists.
	 */
	@Test
	void looksUpTheInstanceListOnceItExists() {
		ServiceInstanceListSupplier instances = ServiceInstanceListSuppliers.from("inventory-service", A);
		AtomicInteger lookups = new AtomicInteger();
		AtomicBoolean exists = new AtomicBoolean();
		LeastLoadedOfTwo lazy = new LeastLoadedOfTwo("inventory-service", provider(() -> {
			lookups.incrementAndGet();
			return exists.get() ? instances : null;
		}), load);
		assertThat(lazy.choose(new DefaultRequest<>()).block().hasServer()).as("before the list exists").isFalse();

		exists.set(true);
		for (int i = 0; i < 3; i++) {
			assertThat(lazy.choose(new DefaultRequest<>()).block().getServer()).isEqualTo(A);
		}

		assertThat(lookups).hasValue(2);
	}

	@Test
	void aFrozenInstanceGetsNoNewRequestOnceOneIsStuckThere() {
		Duration freeze = Duration.ofSeconds(5);
		Map<ServiceInstance, Integer> sent = simulate(Duration.ofSeconds(10), Duration.ofMillis(40),
				(instance, at) -> instance == B && at.compareTo(freeze) >= 0 ? null : Duration.ofMillis(10));
		int beforeFreeze = sentBefore.get(B);

		assertThat(beforeFreeze).as("both share the load while healthy").isBetween(40, 85);
		assertThat(sent.get(B) - beforeFreeze).as("requests sent to the frozen instance").isEqualTo(1);
	}

	@Test
	void aTenTimesSlowerInstanceGetsASmallShare() {
		Map<ServiceInstance, Integer> sent = simulate(Duration.ofSeconds(60), Duration.ofMillis(80),
				(instance, at) -> instance == B ? Duration.ofMillis(150) : Duration.ofMillis(15));

		double share = sent.get(B) / (double) (sent.get(A) + sent.get(B));
		assertThat(share).as("the slow instance's share (round robin: 0.5)").isLessThan(0.15);
		assertThat(sent.get(B)).as("still tried now and then, so it is seen when it recovers").isGreaterThan(5);
	}

	@Test
	void anInstanceThatWasSlowIsTriedAgainAfterAFewIdleSeconds() {
		for (int i = 0; i < 5; i++) {
			complete(start(B), Duration.ofSeconds(1));
			complete(start(A), Duration.ofMillis(10));
		}
		assertThat(balancer.choose(List.of(A, B)).getServer()).isEqualTo(A);

		nanos.addAndGet(Duration.ofSeconds(8).toNanos());
		complete(start(A), Duration.ofMillis(10));
		// B's average has faded to about A's: as soon as A is busy at all, B is chosen.
		start(A);

		assertThat(balancer.choose(List.of(A, B)).getServer()).isEqualTo(B);
	}

	/**
	 * A new instance costs half what the best one does, not nothing: a cold JVM's first
	 * answers take seconds, and every request would go to it until they came back.
	 */
	@Test
	void aNewInstanceGetsItsShareNotEveryRequest() {
		for (int i = 0; i < 5; i++) {
			complete(start(A), Duration.ofMillis(20));
		}
		Map<ServiceInstance, Integer> chosen = new HashMap<>();
		for (int i = 0; i < 20; i++) {
			ServiceInstance next = balancer.choose(List.of(A, B)).getServer();
			start(next);
			chosen.merge(next, 1, Integer::sum);
		}
		assertThat(chosen.get(B)).as("requests to the new instance before its first answer").isBetween(11, 15);
	}

	/**
	 * Requests arrive at a fixed interval; each instance answers after its latency at the
	 * time (null: never). Returns how many requests each instance was sent; those sent
	 * before the middle are in {@link #sentBefore}.
	 */
	private Map<ServiceInstance, Integer> simulate(Duration length, Duration interval,
			BiFunction<ServiceInstance, Duration, Duration> latency) {
		record Ending(long at, Request<Object> request, Response<ServiceInstance> choice) {
		}
		PriorityQueue<Ending> endings = new PriorityQueue<>((x, y) -> Long.compare(x.at(), y.at()));
		Map<ServiceInstance, Integer> sent = new HashMap<>(Map.of(A, 0, B, 0));
		for (long t = 0; t < length.toNanos(); t += interval.toNanos()) {
			while (!endings.isEmpty() && endings.peek().at() <= t) {
				Ending ending = endings.poll();
				nanos.set(ending.at());
				load.onComplete(
						new CompletionContext<>(CompletionContext.Status.SUCCESS, ending.request(), ending.choice()));
			}
			nanos.set(t);
			Response<ServiceInstance> choice = balancer.choose(List.of(A, B));
			Request<Object> request = new DefaultRequest<>();
			load.onStartRequest(request, choice);
			sent.merge(choice.getServer(), 1, Integer::sum);
			if (t < length.toNanos() / 2) {
				sentBefore.merge(choice.getServer(), 1, Integer::sum);
			}
			Duration takes = latency.apply(choice.getServer(), Duration.ofNanos(t));
			if (takes != null) {
				endings.add(new Ending(t + takes.toNanos(), request, choice));
			}
		}
		return sent;
	}

	private Request<Object> start(ServiceInstance instance) {
		Request<Object> request = new DefaultRequest<>();
		load.onStartRequest(request, new DefaultResponse(instance));
		return request;
	}

	private void complete(Request<Object> request, Duration after) {
		nanos.addAndGet(after.toNanos());
		load.onComplete(new CompletionContext<>(CompletionContext.Status.SUCCESS, request, null));
	}

	private static ObjectProvider<ServiceInstanceListSupplier> supplier(ServiceInstance... instances) {
		ServiceInstanceListSupplier supplier = ServiceInstanceListSuppliers.from("inventory-service", instances);
		return provider(() -> supplier);
	}

	/** What the bean factory hands a load balancer configuration: each call a lookup. */
	private static ObjectProvider<ServiceInstanceListSupplier> provider(Supplier<ServiceInstanceListSupplier> lookup) {
		return new ObjectProvider<>() {
			@Override
			public ServiceInstanceListSupplier getObject(Object... args) {
				return lookup.get();
			}

			@Override
			public ServiceInstanceListSupplier getIfAvailable() {
				return lookup.get();
			}

			@Override
			public ServiceInstanceListSupplier getIfUnique() {
				return lookup.get();
			}

			@Override
			public ServiceInstanceListSupplier getObject() {
				return lookup.get();
			}
		};
	}

}
