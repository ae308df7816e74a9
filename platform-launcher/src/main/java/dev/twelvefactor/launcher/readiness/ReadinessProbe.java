package dev.twelvefactor.launcher.readiness;

import dev.twelvefactor.launcher.net.HttpCheck;
import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.launcher.secrets.PlatformSecrets;
import tools.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks what the platform asks before it sends traffic to an instance: is its readiness
 * group UP, and does Eureka list it as UP (an instance turns UP in Eureka only once it is
 * ready). The readiness group is open to anyone; Eureka's REST API and the health details
 * are not, so those are asked with the platform's credentials.
 */
public class ReadinessProbe {

	private final HttpCheck http = new HttpCheck();

	private final Supplier<PlatformSecrets> secrets;

	/**
	 * {@code secrets}: the platform's, asked for at each question (they are made when it
	 * starts).
	 */
	public ReadinessProbe(Supplier<PlatformSecrets> secrets) {
		this.secrets = secrets;
	}

	public boolean isReady(ServiceInstance instance) {
		return http.status(instance.managementUrl() + "/actuator/health/readiness") == 200;
	}

	/** {@code eurekaUrl}: without credentials, as {@code LocalPlatform.eurekaUrl()}. */
	public boolean isUpInEureka(String eurekaUrl, ServiceInstance instance) {
		Optional<JsonNode> application = http.json(
				eurekaUrl + "apps/" + instance.service().applicationName().toUpperCase(),
				Optional.of(secrets.get().eureka().basicAuthorization()));
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
	 * the registry (the Eureka health indicator's details, shown to the monitoring and
	 * admin users only; asked as the read-only one): what its load balancer can route to
	 * right now.
	 */
	public int instancesSeenBy(ServiceInstance caller, String application) {
		return http
			.json(caller.managementUrl() + "/actuator/health",
					Optional.of(secrets.get().monitoring().basicAuthorization()))
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

	/** The HTTP status of an anonymous GET, or -1 when nothing answers. */
	public int status(String url) {
		return http.status(url);
	}

	/**
	 * The HTTP status of a GET with this {@code Authorization} header, or -1 when nothing
	 * answers.
	 */
	public int status(String url, String authorization) {
		return http.status(url, Optional.of(authorization));
	}

}
