package dev.twelvefactor.launcher.secrets;

/**
 * The generated secrets of a local platform, each named as the environment variable that
 * carries it to the processes that need it (compose and Kubernetes use the same names).
 */
public enum Secret {

	/** discovery-service's user {@code eureka}: every Eureka endpoint. */
	EUREKA_PASSWORD,
	/** config-service's user {@code config}. */
	CONFIG_PASSWORD,
	/** The actuator's user {@code monitoring}: prometheus, metrics, info. */
	MONITORING_PASSWORD,
	/** The actuator's user {@code admin}: every endpoint (refresh, ...). */
	ADMIN_PASSWORD,
	/** Client {@code order-service} of auth-service: its calls to inventory-service. */
	ORDER_SERVICE_CLIENT_SECRET,
	/** Client {@code platform-cli}: {@code ./platform token}. */
	PLATFORM_CLI_CLIENT_SECRET,
	/**
	 * Client {@code load-generator}: {@code ./platform load}, benchmarks, system tests.
	 */
	LOAD_GENERATOR_CLIENT_SECRET,
	/** The login page's user {@code demo}. */
	DEMO_USER_PASSWORD

}
