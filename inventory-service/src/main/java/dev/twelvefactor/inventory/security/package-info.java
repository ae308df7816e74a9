/**
 * Who may call inventory-service: anyone may read the catalogue and the OpenAPI document;
 * the internal reservation API needs order-service's scope inventory.reserve.
 */
package dev.twelvefactor.inventory.security;
