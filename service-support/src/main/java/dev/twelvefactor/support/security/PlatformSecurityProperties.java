package dev.twelvefactor.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The control-plane passwords every servlet service checks on its management port
 * ({@code platform.security.*}). They have no default anywhere: each service's
 * configuration maps them from the environment (MONITORING_PASSWORD, ADMIN_PASSWORD), and
 * a service whose deployment did not set one fails to start instead of running with a
 * guessable password.
 *
 * @param monitoringPassword password of the user {@code monitoring} (role MONITORING):
 * {@code prometheus}, {@code metrics}, {@code info} and health details
 * @param adminPassword password of the user {@code admin} (role ADMIN): every actuator
 * endpoint ({@code refresh}, ...), and config-service's {@code /encrypt} and
 * {@code /decrypt}
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(String monitoringPassword, String adminPassword) {

	/** The monitoring password; fails when the deployment did not set it. */
	public String requiredMonitoringPassword() {
		return required(monitoringPassword, "platform.security.monitoring-password", "MONITORING_PASSWORD");
	}

	/** The admin password; fails when the deployment did not set it. */
	public String requiredAdminPassword() {
		return required(adminPassword, "platform.security.admin-password", "ADMIN_PASSWORD");
	}

	/**
	 * A password the deployment must set. Spring leaves a placeholder it cannot resolve
	 * as it is ({@code ${ADMIN_PASSWORD}} when the variable is missing), so that counts
	 * as not set too: it must never become a password anyone can read in the repository.
	 * @param value the bound value
	 * @param key the configuration key, for the message
	 * @param variable the environment variable the deployment sets, for the message
	 * @return the value
	 * @throws IllegalStateException when the value is missing, blank or an unresolved
	 * placeholder
	 */
	public static String required(String value, String key, String variable) {
		if (value == null || value.isBlank() || value.contains("${")) {
			throw new IllegalStateException(
					key + " is not set: the deployment must set the environment variable " + variable);
		}
		return value;
	}

}
