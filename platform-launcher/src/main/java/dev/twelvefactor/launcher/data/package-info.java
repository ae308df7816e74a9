/**
 * The data folder ({@code .platform/} by default): PostgreSQL's data, logs, pid files and
 * the served config-repo copy.
 */
package dev.twelvefactor.launcher.data;
