package dev.twelvefactor.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the gateway routes beyond Spring Cloud Gateway's own settings
 * ({@code gateway.routing.*}).
 *
 * @param retryTimeout how long a retry on another instance may wait for its answer, where
 * the first try waits {@code GATEWAY_TRY_TIMEOUT} (1 s): see {@link RetryTimeout}. The
 * first try, the retry and their pauses stay within the circuit breaker's time limit (10
 * s)
 */
@ConfigurationProperties("gateway.routing")
public record RoutingProperties(@DefaultValue("7s") Duration retryTimeout) {
}
