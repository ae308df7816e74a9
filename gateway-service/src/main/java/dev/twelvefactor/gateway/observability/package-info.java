/** Names and tags of the gateway's own meters. */
package dev.twelvefactor.gateway.observability;
