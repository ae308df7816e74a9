/**
 * One-off admin processes (factor XII): a service's jar run with a task, beside its
 * running instances.
 */
package dev.twelvefactor.launcher.admin;
