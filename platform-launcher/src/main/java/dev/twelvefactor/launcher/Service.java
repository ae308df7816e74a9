package dev.twelvefactor.launcher;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The services of the platform, their default ports and the backing services each one
 * needs. The launcher, compose and Kubernetes all use these same ports and the same
 * environment variable names.
 */
public enum Service {

	DISCOVERY("discovery-service", 8761, 9761, null), CONFIG("config-service", 8888, 9888, null),
	INVENTORY("inventory-service", 8082, 9082, "inventory"), ORDER("order-service", 8081, 9081, "orders"),
	AUTH("auth-service", 8083, 9083, null), GATEWAY("gateway-service", 8080, 9080, null);

	private final String applicationName;

	private final int defaultPort;

	private final int defaultManagementPort;

	private final String database;

	Service(String applicationName, int defaultPort, int defaultManagementPort, String database) {
		this.applicationName = applicationName;
		this.defaultPort = defaultPort;
		this.defaultManagementPort = defaultManagementPort;
		this.database = database;
	}

	public String applicationName() {
		return applicationName;
	}

	public int defaultPort() {
		return defaultPort;
	}

	public int defaultManagementPort() {
		return defaultManagementPort;
	}

	/**
	 * The database this service owns (factor IV: each service has its own attached
	 * resource).
	 */
	public Optional<String> database() {
		return Optional.ofNullable(database);
	}

	/**
	 * The services that call this one through their load balancer: they must see a new
	 * instance in their copy of the registry before it counts as routable. Tokens and
	 * keys are fetched from auth-service at its own address (AUTH_URL), not through a
	 * load balancer: only the gateway's routes to its login page and endpoints are.
	 */
	public List<Service> callers() {
		return switch (this) {
			case INVENTORY -> List.of(GATEWAY, ORDER);
			case ORDER, AUTH -> List.of(GATEWAY);
			default -> List.of();
		};
	}

	/**
	 * Why a service runs a single instance, when it does: the reason a request for more
	 * is refused with.
	 */
	public Optional<String> singleInstanceReason() {
		return Optional.ofNullable(switch (this) {
			case DISCOVERY, CONFIG -> "locally it is a single instance";
			case GATEWAY -> "it is the single local entry point";
			case AUTH -> "its login sessions and authorization codes are kept in memory, which a second instance "
					+ "would not share";
			case ORDER, INVENTORY -> null;
		});
	}

	/**
	 * Discovery and config-service cannot take their settings from config-service; the
	 * others do.
	 */
	public boolean importsConfig() {
		return this != DISCOVERY && this != CONFIG;
	}

	/** The Eureka server itself does not register; every other service does. */
	public boolean registersInEureka() {
		return this != DISCOVERY;
	}

	public static Service byName(String applicationName) {
		for (Service service : values()) {
			if (service.applicationName.equals(applicationName)) {
				return service;
			}
		}
		throw new IllegalArgumentException("Unknown service '" + applicationName + "'; known: "
				+ Arrays.stream(values()).map(Service::applicationName).toList());
	}

}
