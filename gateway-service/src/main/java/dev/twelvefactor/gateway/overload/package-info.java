/**
 * Overload protection in front of every service: an adaptive concurrency limit per route
 * (service-support's limiter, Netflix's concurrency-limits), refusing the excess at once
 * with 503 problem+json and Retry-After instead of queueing it into the response timeout.
 */
package dev.twelvefactor.gateway.overload;
