package dev.twelvefactor.gateway.routing;

import dev.twelvefactor.support.loadbalancer.InstanceEjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RetryTimeoutTest {

	static final ServiceInstance FIRST = new DefaultServiceInstance("1", "order-service", "10.0.0.1", 8081, false);

	static final ServiceInstance SECOND = new DefaultServiceInstance("2", "order-service", "10.0.0.2", 8081, false);

	final List<ServiceInstance> instances = new ArrayList<>(List.of(FIRST, SECOND));

	final InstanceEjection ejection = new InstanceEjection(Duration.ofSeconds(1), Duration.ofMinutes(10));

	Optional<Duration> typicalLatency = Optional.of(Duration.ofMillis(50));

	final RetryTimeout filter = new RetryTimeout(Duration.ofSeconds(1), Duration.ofSeconds(7), discovery(), ejection,
			(service) -> typicalLatency);

	@AfterEach
	void stopProbing() {
		ejection.destroy();
	}

	@Test
	void theFirstTryKeepsTheShortPerTryTimeoutWhenAnotherInstanceIsThere() {
		Route routed = routeSeenByTheRoutingFilter(route(Map.of()), List.of("10.0.0.1:8081"));

		assertThat(routed.getMetadata()).doesNotContainKey(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
	}

	@Test
	void aFirstTryWaitsLongerWhileTheServiceIsSlowAsAWhole() {
		typicalLatency = Optional.of(Duration.ofMillis(700));

		Route routed = routeSeenByTheRoutingFilter(route(Map.of()), List.of("10.0.0.1:8081"));

		assertThat(routed.getMetadata()).containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 3500L);
	}

	@Test
	void aFirstTryNeverWaitsLongerThanARetry() {
		typicalLatency = Optional.of(Duration.ofSeconds(4));

		Route routed = routeSeenByTheRoutingFilter(route(Map.of()), List.of("10.0.0.1:8081"));

		assertThat(routed.getMetadata()).containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 7000L);
	}

	@Test
	void aFirstTryOfAServiceThatHasNotAnsweredLatelyWaitsAsLongAsARetry() {
		typicalLatency = Optional.empty();

		Route routed = routeSeenByTheRoutingFilter(route(Map.of()), List.of("10.0.0.1:8081"));

		assertThat(routed.getMetadata()).containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 7000L);
	}

	@Test
	void withNoOtherInstanceTheFirstTryWaitsAsLongAsAWholeRequestMay() {
		instances.remove(SECOND);

		Route routed = routeSeenByTheRoutingFilter(route(Map.of()), List.of("10.0.0.1:8081"));

		assertThat(routed.getMetadata()).containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 7000L);
	}

	@Test
	void aRetryOnAnotherInstanceWaitsAsLongAsAWholeRequestMay() {
		Route original = route(Map.of("owner", "orders"));
		Route routed = routeSeenByTheRoutingFilter(original, List.of("10.0.0.1:8081", "10.0.0.2:8081"));

		assertThat(routed.getMetadata()).containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 7000L)
			.containsEntry("owner", "orders");
		assertThat(routed.getId()).isEqualTo(original.getId());
		assertThat(routed.getUri()).isEqualTo(original.getUri());
		assertThat(original.getMetadata()).as("the route itself is not changed")
			.doesNotContainKey(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
	}

	@Test
	void theCopyWithATimeoutIsMadeOncePerRouteAndTimeout() {
		instances.remove(SECOND);
		Route original = route(Map.of());

		Route first = routeSeenByTheRoutingFilter(original, List.of("10.0.0.1:8081"));
		Route second = routeSeenByTheRoutingFilter(original, List.of("10.0.0.1:8081"));
		Route afterRefresh = routeSeenByTheRoutingFilter(route(Map.of("owner", "orders")), List.of("10.0.0.1:8081"));

		assertThat(second).isSameAs(first);
		assertThat(afterRefresh).as("routes refreshed: a copy of the new route").isNotSameAs(first);
		assertThat(afterRefresh.getMetadata()).containsEntry("owner", "orders")
			.containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 7000L);
	}

	@Test
	void aRouteWithALongerTimeoutOfItsOwnKeepsIt() {
		Route routed = routeSeenByTheRoutingFilter(route(Map.of(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 8000)),
				List.of("10.0.0.1:8083", "10.0.0.2:8083"));

		assertThat(routed.getMetadata()).containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 8000);
	}

	private Route routeSeenByTheRoutingFilter(Route route, List<String> tried) {
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders/1"));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
		Set<String> triedInstances = new HashSet<>(tried);
		exchange.getAttributes().put(RetryOnAnotherInstance.TRIED_INSTANCES, triedInstances);
		AtomicReference<Route> seen = new AtomicReference<>();
		filter.filter(exchange, next -> {
			seen.set(next.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
			return Mono.empty();
		}).block();
		return seen.get();
	}

	private DiscoveryClient discovery() {
		return new DiscoveryClient() {
			@Override
			public String description() {
				return "the test's instances";
			}

			@Override
			public List<ServiceInstance> getInstances(String serviceId) {
				return instances.stream().filter(instance -> instance.getServiceId().equals(serviceId)).toList();
			}

			@Override
			public List<String> getServices() {
				return List.of("order-service");
			}
		};
	}

	private static Route route(Map<String, Object> metadata) {
		return Route.async()
			.id("order-service")
			.uri(URI.create("lb://order-service"))
			.predicate(exchange -> true)
			.metadata(metadata)
			.build();
	}

}
