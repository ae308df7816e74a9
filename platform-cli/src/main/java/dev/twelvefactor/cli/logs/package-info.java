/**
 * {@code ./platform logs}: the instances' JSON log lines, merged in time order and
 * readable, optionally of one request's trace, optionally followed.
 */
package dev.twelvefactor.cli.logs;
