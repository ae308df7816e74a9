/**
 * The revision of the configuration the native backend serves, reported to clients and as
 * a meter.
 */
package dev.twelvefactor.config.revision;
