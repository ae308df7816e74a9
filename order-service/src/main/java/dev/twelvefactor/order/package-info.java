/**
 * order-service: orders on PostgreSQL, their stock reserved in inventory-service through
 * Eureka.
 */
package dev.twelvefactor.order;
