package dev.twelvefactor.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * The passwords of the management port's two users, the same {@code platform.security.*}
 * keys the servlet services read (service-support). Neither has a fallback: a gateway
 * started without them refuses to start instead of running with a guessable password.
 *
 * @param monitoringPassword password of user {@code monitoring}: prometheus, metrics and
 * info (MONITORING_PASSWORD)
 * @param adminPassword password of user {@code admin}: every management endpoint
 * (ADMIN_PASSWORD)
 */
@ConfigurationProperties("platform.security")
public record ManagementCredentials(String monitoringPassword, String adminPassword) {

	public ManagementCredentials {
		Assert.hasText(monitoringPassword, "platform.security.monitoring-password (MONITORING_PASSWORD) is not set");
		Assert.hasText(adminPassword, "platform.security.admin-password (ADMIN_PASSWORD) is not set");
	}

}
