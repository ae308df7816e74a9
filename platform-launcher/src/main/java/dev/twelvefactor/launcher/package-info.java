/**
 * Runs the platform as local processes: which services there are, how to run them, and
 * the pause every wait uses.
 */
package dev.twelvefactor.launcher;
