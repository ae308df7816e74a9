package dev.twelvefactor.launcher.readiness;

import dev.twelvefactor.launcher.net.HttpCheck;
import dev.twelvefactor.launcher.process.ServiceInstance;
import tools.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Asks what the platform asks before it sends traffic to an instance: is its readiness
 * group UP, and does Eureka list it as UP (an instance turns UP in Eureka only once it is
 * ready).
 */
public class ReadinessProbe {

	private final HttpCheck http = new HttpCheck();

	public boolean isReady(ServiceInstance instance) {
		return http.status(instance.managementUrl() + "/actuator/health/readiness") == 200;
	}

	public boolean isUpInEureka(String eurekaUrl, ServiceInstance instance) {
		Optional<JsonNode> application = http
			.json(eurekaUrl + "apps/" + instance.service().applicationName().toUpperCase());
		if (application.isEmpty()) {
			return false;
		}
		JsonNode instances = application.get().path("application").path("instance");
		// Eureka writes a lone instance as an object, several as an array.
		for (JsonNode registered : instances.isArray() ? instances : HttpCheck.arrayOf(instances)) {
			if (registered.path("port").path("$").asInt() == instance.port()
					&& "UP".equals(registered.path("status").asString())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * How many instances of {@code application} the instance sees UP in its own copy of
	 * the registry (the Eureka health indicator's details): what its load balancer can
	 * route to right now.
	 */
	public int instancesSeenBy(ServiceInstance caller, String application) {
		return http.json(caller.managementUrl() + "/actuator/health")
			.map(health -> health.path("components")
				.path("discoveryComposite")
				.path("components")
				.path("eureka")
				.path("details")
				.path("applications")
				.path(application.toUpperCase())
				.asInt(0))
			.orElse(0);
	}

	/** The HTTP status of a GET, or -1 when nothing answers. */
	public int status(String url) {
		return http.status(url);
	}

}
