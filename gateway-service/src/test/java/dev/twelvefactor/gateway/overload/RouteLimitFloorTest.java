package dev.twelvefactor.gateway.overload;

import dev.twelvefactor.gateway.observability.GatewayRefusals;
import dev.twelvefactor.gateway.problem.ProblemResponses;
import dev.twelvefactor.support.concurrency.ConcurrencyLimitProperties;
import dev.twelvefactor.support.concurrency.ConcurrencyLimitProperties.Algorithm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floor of a route's limit is {@code min-limit} for every instance of its service the
 * gateway knows: two instances at their own floor are never refused at the gateway, one
 * instance's excess is; the floor follows an instance more at its next reading of the
 * registry (within a second), one fewer a minute later (a restart in a rolling update
 * does not lower it).
 */
class RouteLimitFloorTest {

	final List<ServiceInstance> instances = new ArrayList<>();

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	long nanoTime;

	final RouteConcurrencyLimit filter = new RouteConcurrencyLimit(
			new ConcurrencyLimitProperties(true, Algorithm.VEGAS, 20, 20, 200),
			new ProblemResponses(ServerCodecConfigurer.create()),
			new GatewayRefusals(registry, new StaticListableBeanFactory().getBeanProvider(RouteLocator.class)),
			registry, discovery(), Duration.ofMinutes(1), () -> nanoTime);

	final Route route = Route.async()
		.id("order-service")
		.uri(URI.create("lb://order-service"))
		.predicate((exchange) -> true)
		.build();

	@Test
	void theFloorIsMinLimitForEveryInstanceBehindTheRoute() {
		instances.add(instance("1"));
		instances.add(instance("2"));

		forward();

		assertThat(limit()).isEqualTo(40);
	}

	@Test
	void anInstanceMoreRaisesTheFloorAtOnce() {
		instances.add(instance("1"));
		forward();
		assertThat(limit()).isEqualTo(20);

		instances.add(instance("2"));
		forward();
		assertThat(limit()).as("the registry's copy is read at most once a second").isEqualTo(20);

		nanoTime += InstancesBehindRoute.REREAD_NANOS;
		forward();

		assertThat(limit()).isEqualTo(40);
	}

	@Test
	void anInstanceFewerLowersItOnlyAMinuteLater() {
		instances.add(instance("1"));
		instances.add(instance("2"));
		forward();

		instances.remove(1);
		nanoTime += Duration.ofSeconds(40).toNanos();
		forward();
		assertThat(limit()).as("restarting in a rolling update").isEqualTo(40);

		nanoTime += Duration.ofSeconds(61).toNanos();
		forward();
		assertThat(limit()).as("gone for good").isEqualTo(20);

		instances.clear();
		nanoTime += Duration.ofSeconds(61).toNanos();
		forward();
		assertThat(limit()).as("none known: one instance's floor").isEqualTo(20);
	}

	private void forward() {
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/orders"));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
		filter.filter(exchange, (forwarded) -> Mono.empty()).block();
	}

	private double limit() {
		return registry.get("gateway.concurrency.limit").tag("route", "order-service").gauge().value();
	}

	private static ServiceInstance instance(String id) {
		return new DefaultServiceInstance(id, "order-service", "10.0.0." + id, 8081, false);
	}

	private DiscoveryClient discovery() {
		return new DiscoveryClient() {

			@Override
			public String description() {
				return "two or fewer order-service instances";
			}

			@Override
			public List<ServiceInstance> getInstances(String serviceId) {
				return "order-service".equals(serviceId) ? List.copyOf(instances) : List.of();
			}

			@Override
			public List<String> getServices() {
				return List.of("order-service");
			}

		};
	}

}
