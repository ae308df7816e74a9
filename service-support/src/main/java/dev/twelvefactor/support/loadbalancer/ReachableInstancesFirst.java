package dev.twelvefactor.support.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * The discovered instances without those that just refused a connection
 * ({@link UnreachableInstances}). When all of them did, all are offered: better one more
 * try than certainly none.
 */
public final class ReachableInstancesFirst extends DelegatingServiceInstanceListSupplier {

	private final UnreachableInstances unreachable;

	public ReachableInstancesFirst(ServiceInstanceListSupplier delegate, UnreachableInstances unreachable) {
		super(delegate);
		this.unreachable = unreachable;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return delegate.get().map(this::reachableFirst);
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		return delegate.get(request).map(this::reachableFirst);
	}

	List<ServiceInstance> reachableFirst(List<ServiceInstance> instances) {
		List<ServiceInstance> reachable = instances.stream()
			.filter(instance -> !unreachable.isUnreachable(instance))
			.toList();
		return reachable.isEmpty() ? instances : reachable;
	}

}
