/**
 * When an instance may get traffic: what its readiness group and Eureka say, and what its
 * callers see.
 */
package dev.twelvefactor.launcher.readiness;
