/** inventory-service: products, their stock, and reservations of stock for orders. */
package dev.twelvefactor.inventory;
