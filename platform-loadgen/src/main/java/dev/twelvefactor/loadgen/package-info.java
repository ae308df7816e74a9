/**
 * HTTP load at this machine only: open and closed loops, a client that retries as a
 * careful one would, and latencies.
 */
package dev.twelvefactor.loadgen;
