/**
 * The {@code ./platform} command: runs, stops, loads and administers the platform on this
 * machine.
 */
package dev.twelvefactor.cli;
