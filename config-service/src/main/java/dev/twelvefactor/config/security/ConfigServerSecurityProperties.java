package dev.twelvefactor.config.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The credentials config clients read configuration with
 * ({@code platform.config-server.*}; clients set
 * {@code spring.cloud.config.username: config} and {@code spring.cloud.config.password}).
 *
 * @param password password of the user {@code config} (CONFIG_PASSWORD); no default: the
 * server does not start without it
 */
@ConfigurationProperties("platform.config-server")
public record ConfigServerSecurityProperties(String password) {
}
