package dev.twelvefactor.support.loadbalancer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.SelectedInstanceCallback;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Power of two choices (Finagle's and Linkerd's balancer, Envoy's least request): of two
 * instances picked at random, the one whose next request costs less by
 * {@link InstanceLoad#cost} (latency estimate times requests in flight). Round robin
 * sends a frozen instance every other request and a slow one half of them; here a frozen
 * instance piles up requests and stops getting new ones at once, and a slow one gets a
 * small share. Two random candidates rather than the least loaded of all: no herd of
 * callers rushes the same instance, and the choice stays O(1).
 */
public final class LeastLoadedOfTwo implements ReactorServiceInstanceLoadBalancer {

	private final String serviceId;

	private final ObjectProvider<ServiceInstanceListSupplier> suppliers;

	/**
	 * The instance list of this service's load balancer context, looked up at the first
	 * request that finds it (it may not exist yet when this balancer is built) and then
	 * kept: resolving the {@link ObjectProvider} runs the bean factory's injection-point
	 * resolution (candidate and qualifier annotation lookups), the largest single cost
	 * the gateway's JFR profile at saturation showed ({@code ./platform bench profile})
	 * while it ran for every request.
	 */
	private volatile ServiceInstanceListSupplier supplier;

	private final InstanceLoad load;

	private final RandomGenerator random;

	public LeastLoadedOfTwo(String serviceId, ObjectProvider<ServiceInstanceListSupplier> suppliers,
			InstanceLoad load) {
		this(serviceId, suppliers, load, ThreadLocalRandom.current());
	}

	LeastLoadedOfTwo(String serviceId, ObjectProvider<ServiceInstanceListSupplier> suppliers, InstanceLoad load,
			RandomGenerator random) {
		this.serviceId = serviceId;
		this.suppliers = suppliers;
		this.load = load;
		this.random = random;
	}

	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier supplier = supplier();
		return supplier.get(request).next().map(instances -> {
			Response<ServiceInstance> chosen = choose(instances);
			if (supplier instanceof SelectedInstanceCallback callback && chosen.hasServer()) {
				callback.selectedServiceInstance(chosen.getServer());
			}
			return chosen;
		});
	}

	private ServiceInstanceListSupplier supplier() {
		ServiceInstanceListSupplier found = this.supplier;
		if (found == null) {
			found = suppliers.getIfAvailable();
			if (found == null) {
				return new NoopServiceInstanceListSupplier();
			}
			this.supplier = found;
		}
		return found;
	}

	Response<ServiceInstance> choose(List<ServiceInstance> instances) {
		if (instances.isEmpty()) {
			return new EmptyResponse();
		}
		if (instances.size() == 1) {
			return new DefaultResponse(instances.getFirst());
		}
		// ThreadLocalRandom must be asked on the calling thread.
		RandomGenerator dice = random instanceof ThreadLocalRandom ? ThreadLocalRandom.current() : random;
		int first = dice.nextInt(instances.size());
		int second = (first + 1 + dice.nextInt(instances.size() - 1)) % instances.size();
		ServiceInstance a = instances.get(first);
		ServiceInstance b = instances.get(second);
		return new DefaultResponse(load.cost(b) < load.cost(a) ? b : a);
	}

	@Override
	public String toString() {
		return "LeastLoadedOfTwo[" + serviceId + "]";
	}

}
