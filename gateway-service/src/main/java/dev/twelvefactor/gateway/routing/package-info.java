/**
 * Load balancing for the gateway's routes: a retried request goes to an instance it has
 * not tried.
 */
package dev.twelvefactor.gateway.routing;
