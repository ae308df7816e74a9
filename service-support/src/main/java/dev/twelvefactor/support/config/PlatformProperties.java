package dev.twelvefactor.support.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The {@code platform.*} settings every service shares. The defaults are here and only
 * here; config-repo sets a key only to map an environment variable onto it or to differ
 * from the default. Read at startup: a change needs a restart (only {@code orders.limits}
 * is a live setting).
 *
 * @param release which release this instance belongs to (factor V), shown in
 * {@code platform_build_info}; deployments set it through RELEASE_ID
 * @param pushgatewayUrl where processes that exit push their last metrics (shutdown
 * duration, admin task runs); empty: nowhere
 * @param maxRequestSize largest request body a service accepts; larger ones get 413
 * problem+json
 * @param shutdown how an instance leaves
 * @param loadbalancer how callers leave out instances that refuse connections
 */
@ConfigurationProperties("platform")
public record PlatformProperties(@DefaultValue("local") String release, String pushgatewayUrl,
		@DefaultValue("64KB") DataSize maxRequestSize, @DefaultValue Shutdown shutdown,
		@DefaultValue Loadbalancer loadbalancer) {

	/**
	 * @param drainDelay on shutdown: OUT_OF_SERVICE in Eureka, then keep serving this
	 * long before the web server stops accepting requests and drains those in flight.
	 * Callers fetch the registry every 2 s; under load the change took up to 3.2 s to
	 * reach the gateway (measured in ResilienceIT), hence 5 s
	 */
	public record Shutdown(@DefaultValue("5s") Duration drainDelay) {
	}

	/**
	 * @param probeInterval an instance that refused a connection is left out of load
	 * balancing at once (Eureka would list it for 15-30 s more); its port is tried this
	 * often and it is let back in as soon as it accepts connections
	 * @param forgetAfter an instance that never comes back is forgotten after this
	 * (Eureka has dropped it by then)
	 */
	public record Loadbalancer(@DefaultValue("1s") Duration probeInterval, @DefaultValue("10m") Duration forgetAfter) {
	}
}
