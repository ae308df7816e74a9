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
	GATEWAY("gateway-service", 8080, 9080, null);

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
	 * instance in their copy of the registry before it counts as routable.
	 */
	public List<Service> callers() {
		return switch (this) {
			case INVENTORY -> List.of(GATEWAY, ORDER);
			case ORDER -> List.of(GATEWAY);
			default -> List.of();
		};
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
