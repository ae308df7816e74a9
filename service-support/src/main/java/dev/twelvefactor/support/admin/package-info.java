/**
 * One-off admin processes (factor XII) run from a service's own jar with its own
 * configuration.
 */
package dev.twelvefactor.support.admin;
