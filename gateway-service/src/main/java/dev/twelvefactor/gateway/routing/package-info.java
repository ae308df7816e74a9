/**
 * Load balancing and retries for the gateway's routes: the least loaded of two instances
 * (service-support), a retried request goes to an instance it has not tried, and a
 * {@code POST} is retried only under an {@code Idempotency-Key}.
 */
package dev.twelvefactor.gateway.routing;
