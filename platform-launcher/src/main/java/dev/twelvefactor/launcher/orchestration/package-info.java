/**
 * The whole platform as local processes, started, scaled and stopped in order, and the
 * faults tests inject into it.
 */
package dev.twelvefactor.launcher.orchestration;
