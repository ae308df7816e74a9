/**
 * Orders: the public API under /api/orders, placing (under an Idempotency-Key),
 * cancelling and storing them.
 */
package dev.twelvefactor.order.order;
