/**
 * Reservations of stock for orders: the internal API order-service calls, idempotent by
 * order id.
 */
package dev.twelvefactor.inventory.reservation;
