/**
 * Rate limits per client and route: Spring Cloud Gateway's RequestRateLimiter with
 * Bucket4j buckets in a local cache, refusals as 429 problem+json with Retry-After.
 */
package dev.twelvefactor.gateway.ratelimit;
