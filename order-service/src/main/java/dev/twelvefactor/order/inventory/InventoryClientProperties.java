package dev.twelvefactor.order.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The HTTP side of the call to inventory-service ({@code inventory-client.*}); its
 * Resilience4j instances are configured in config-repo. The timeouts also bound the
 * thread behind the time limiter.
 *
 * @param connectTimeout an instance that does not accept the connection in this time
 * counts as unreachable
 * @param readTimeout an answer that takes longer is a failure (and the order stays
 * PENDING)
 */
@ConfigurationProperties("inventory-client")
public record InventoryClientProperties(@DefaultValue("500ms") Duration connectTimeout,
		@DefaultValue("2s") Duration readTimeout) {
}
