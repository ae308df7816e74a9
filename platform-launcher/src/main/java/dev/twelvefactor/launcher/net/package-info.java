/**
 * Loopback ports and HTTP checks, shared by the readiness probe and the monitoring
 * processes.
 */
package dev.twelvefactor.launcher.net;
