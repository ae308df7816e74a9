/**
 * The resilient client of inventory-service's reservation API, and the results it can
 * give.
 */
package dev.twelvefactor.order.inventory;
