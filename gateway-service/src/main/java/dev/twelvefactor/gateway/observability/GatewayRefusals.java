package dev.twelvefactor.gateway.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Counts the requests the gateway refuses itself, {@code gateway_refusals_total{route,
 * status}}: 401 and 403 from security, 429 from the rate limit. The Gateway & resilience
 * dashboard shows them per route and an alert fires on a spike. Security refuses before
 * any route is chosen, so for those the route the request would have taken is looked up;
 * that costs a walk over the routes' predicates, paid by refused requests only.
 */
@Component
public class GatewayRefusals {

	/** The route tag of a refused request that no route matches. */
	public static final String NO_ROUTE = "none";

	private final MeterRegistry registry;

	/** Lazily: the routes' filters (the rate limiter) count refusals here too. */
	private final ObjectProvider<RouteLocator> routes;

	public GatewayRefusals(MeterRegistry registry, ObjectProvider<RouteLocator> routes) {
		this.registry = registry;
		this.routes = routes;
	}

	public void count(String route, HttpStatusCode status) {
		registry.counter("gateway.refusals", "route", route, "status", Integer.toString(status.value())).increment();
	}

	/** A refusal before routing: counted under the route the request matches. */
	public Mono<Void> countBeforeRouting(ServerWebExchange exchange, HttpStatusCode status) {
		return routes.getObject()
			.getRoutes()
			.concatMap((route) -> Mono.from(route.getPredicate().apply(exchange))
				.filter(Boolean::booleanValue)
				.map((matches) -> route))
			.next()
			.map(Route::getId)
			.defaultIfEmpty(NO_ROUTE)
			.onErrorReturn(NO_ROUTE)
			.doOnNext((route) -> count(route, status))
			.then();
	}

}
