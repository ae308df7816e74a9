/**
 * Who may use what: bearer tokens (JWT) on the public port, HTTP Basic users on the
 * management port, CORS for configured browser origins, and problem+json for every
 * refusal.
 */
package dev.twelvefactor.gateway.security;
