package dev.twelvefactor.order.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The HTTP side of the call to inventory-service ({@code inventory-client.*}); its
 * Resilience4j instances are configured in config-repo.
 * <p>
 * The read timeout is that of a reservation that waits for its stock rows (fifty
 * concurrent orders of one product wait in turn), not a bet on a hung instance: 500 ms
 * turned such orders and the first, cold ones after a start into PENDING. A frozen
 * inventory-service instance is found otherwise: it piles up requests in flight and the
 * least-loaded balancer stops choosing it, and the one try that waited out the timeout
 * ejects it. Meanwhile the gateway's own per-try timeout (1 s) has sent the order's POST,
 * under its Idempotency-Key, to another order-service instance, which answers with the
 * order as it stands.
 *
 * @param connectTimeout an instance that does not accept the connection in this time
 * counts as unreachable
 * @param readTimeout an answer that takes longer fails the try (after a second try the
 * order stays PENDING)
 * @param tokenTimeout the token request to auth-service, which hashes the client secret:
 * slower than a reservation, and needed only every few minutes
 */
@ConfigurationProperties("inventory-client")
public record InventoryClientProperties(@DefaultValue("500ms") Duration connectTimeout,
		@DefaultValue("2s") Duration readTimeout, @DefaultValue("5s") Duration tokenTimeout) {
}
