/**
 * Where a route's circuit breaker sends a failed request: a problem+json 503 or 504,
 * never a 200.
 */
package dev.twelvefactor.gateway.fallback;
