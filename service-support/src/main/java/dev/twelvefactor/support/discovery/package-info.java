/**
 * Keeps an instance's status in Eureka in step with its readiness, so callers route only
 * to ready instances.
 */
package dev.twelvefactor.support.discovery;
