/**
 * The settings service-support binds, with their defaults, so that config-repo keys
 * complete in the IDE.
 */
package dev.twelvefactor.support.config;
