/**
 * Finishes PENDING orders left by an unavailable inventory-service, in every instance,
 * without double work.
 */
package dev.twelvefactor.order.reconciliation;
