/**
 * Names and tags of the gateway's own meters, and the trace id every answer carries.
 */
package dev.twelvefactor.gateway.observability;
