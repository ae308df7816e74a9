/**
 * The Idempotency-Key store: which request a key was first used for and its answer; it
 * knows nothing of orders.
 */
package dev.twelvefactor.order.idempotency;
