/**
 * The refresh-all admin task: every running instance applies the current configuration
 * without a restart.
 */
package dev.twelvefactor.config.refresh;
