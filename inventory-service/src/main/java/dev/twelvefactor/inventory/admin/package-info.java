/**
 * inventory-service's one-off admin tasks (factor XII): restocking and a stock report.
 */
package dev.twelvefactor.inventory.admin;
