package dev.twelvefactor.gateway.problem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own {@code gateway.*} settings (Spring Cloud Gateway's are under
 * {@code spring.cloud.gateway}).
 *
 * @param maxRequestSize largest request body the gateway forwards; larger ones get 413
 * problem+json
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(@DefaultValue("64KB") DataSize maxRequestSize) {
}
