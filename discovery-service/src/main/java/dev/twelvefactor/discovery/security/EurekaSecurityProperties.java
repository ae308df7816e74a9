package dev.twelvefactor.discovery.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The credentials of the Eureka server ({@code platform.eureka.*}). Clients send them in
 * the user info of EUREKA_URL ({@code http://eureka:<password>@host:8761/eureka/}).
 *
 * @param password password of the user {@code eureka} (EUREKA_PASSWORD); no default: the
 * server does not start without it
 */
@ConfigurationProperties("platform.eureka")
public record EurekaSecurityProperties(String password) {
}
