package dev.twelvefactor.gateway.observability;

import org.springframework.cloud.gateway.filter.headers.observation.DefaultGatewayObservationConvention;
import org.springframework.stereotype.Component;

/**
 * Gives the gateway's proxied-call observation a name of its own. By default it is
 * {@code http.client.requests}, the name Spring's RestClient observation also uses (here
 * for the Eureka client) with other tag keys; Prometheus needs one set of tag keys per
 * name, so one of the two meters failed to register and logged a warning.
 */
@Component
public class GatewayClientObservationName extends DefaultGatewayObservationConvention {

	public static final String NAME = "spring.cloud.gateway.http.client.requests";

	@Override
	public String getName() {
		return NAME;
	}

}
