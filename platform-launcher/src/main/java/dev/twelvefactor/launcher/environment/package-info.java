/**
 * The environment variables an instance gets: its whole configuration, under the names
 * compose and Kubernetes use.
 */
package dev.twelvefactor.launcher.environment;
