/**
 * The one factory for RFC 9457 problem responses, used by every service, filter, error
 * report and the gateway.
 */
package dev.twelvefactor.support.problem;
