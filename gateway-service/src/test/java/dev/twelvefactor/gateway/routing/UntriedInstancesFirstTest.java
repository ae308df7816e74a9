package dev.twelvefactor.gateway.routing;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UntriedInstancesFirstTest {

	static final ServiceInstance A = new DefaultServiceInstance("a", "order-service", "127.0.0.1", 1001, false);
	static final ServiceInstance B = new DefaultServiceInstance("b", "order-service", "127.0.0.1", 1002, false);

	final ServiceInstanceListSupplier supplier = new RetryOnAnotherInstance.UntriedInstancesFirst(
			ServiceInstanceListSuppliers.from("order-service", A, B));

	@Test
	void aFirstAttemptMayGoAnywhere() {
		assertThat(instancesFor(Set.of())).containsExactly(A, B);
	}

	@Test
	void aRetryLeavesOutTheInstanceThatFailed() {
		assertThat(instancesFor(Set.of("127.0.0.1:1001"))).containsExactly(B);
	}

	@Test
	void anInstanceWithoutIdIsKnownByItsAddress() {
		ServiceInstance withoutId = new DefaultServiceInstance(null, "order-service", "127.0.0.1", 1003, false);
		ServiceInstanceListSupplier anonymous = new RetryOnAnotherInstance.UntriedInstancesFirst(
				ServiceInstanceListSuppliers.from("order-service", A, withoutId));

		assertThat(instancesFor(anonymous, Set.of())).containsExactly(A, withoutId);
		assertThat(instancesFor(anonymous, Set.of("127.0.0.1:1003"))).containsExactly(A);
	}

	@Test
	void whenEveryInstanceWasTriedAllAreOfferedAgain() {
		assertThat(instancesFor(Set.of("127.0.0.1:1001", "127.0.0.1:1002"))).containsExactly(A, B);
	}

	private List<ServiceInstance> instancesFor(Set<String> tried) {
		return instancesFor(supplier, tried);
	}

	private static List<ServiceInstance> instancesFor(ServiceInstanceListSupplier supplier, Set<String> tried) {
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(RetryOnAnotherInstance.TRIED_INSTANCES, tried);
		RequestData request = new RequestData(HttpMethod.GET, URI.create("http://order-service/api/orders"),
				new HttpHeaders(), null, attributes);
		return supplier.get(new DefaultRequest<>(new RequestDataContext(request))).blockFirst();
	}

}
