/**
 * The processes the launcher starts: how a service's JVM is launched, its instances, and
 * the pid files that outlive them.
 */
package dev.twelvefactor.launcher.process;
