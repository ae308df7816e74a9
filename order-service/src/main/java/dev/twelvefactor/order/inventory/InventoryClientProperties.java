package dev.twelvefactor.order.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The HTTP side of the call to inventory-service ({@code inventory-client.*}); its
 * Resilience4j instances are configured in config-repo.
 * <p>
 * The timeouts are per try, and short: a reservation answers in milliseconds (and
 * inventory-service's concurrency limit refuses rather than queues under load), so an
 * instance that has not answered in {@code readTimeout} is taken for hung. The try fails,
 * the instance is ejected from load balancing at once (service-support), and the retry
 * goes to another one. One timed-out try and the retry stay within the gateway's own
 * per-try timeout (1 s), so a frozen inventory-service instance costs an order about half
 * a second, not a gateway timeout. (300 ms was too short on two busy cores: instances
 * with a cold JIT were ejected and the breaker opened.)
 *
 * @param connectTimeout an instance that does not accept the connection in this time
 * counts as unreachable
 * @param readTimeout an answer that takes longer fails the try (after a second try the
 * order stays PENDING)
 * @param tokenTimeout the token request to auth-service, which hashes the client secret:
 * slower than a reservation, and needed only every few minutes
 */
@ConfigurationProperties("inventory-client")
public record InventoryClientProperties(@DefaultValue("300ms") Duration connectTimeout,
		@DefaultValue("500ms") Duration readTimeout, @DefaultValue("5s") Duration tokenTimeout) {
}
