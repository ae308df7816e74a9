package dev.twelvefactor.support.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * The discovered instances without those just ejected for a refused connection or a
 * timeout ({@link InstanceEjection}). When all of them are, all are offered: better one
 * more try than certainly none.
 */
public final class ReachableInstancesFirst extends DelegatingServiceInstanceListSupplier {

	private final InstanceEjection ejection;

	public ReachableInstancesFirst(ServiceInstanceListSupplier delegate, InstanceEjection ejection) {
		super(delegate);
		this.ejection = ejection;
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
		List<ServiceInstance> reachable = instances.stream().filter(instance -> !ejection.isEjected(instance)).toList();
		return reachable.isEmpty() ? instances : reachable;
	}

}
