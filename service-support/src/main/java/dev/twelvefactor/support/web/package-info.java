/**
 * What every servlet service answers the same way: body size limits, database outages and
 * Tomcat's own errors.
 */
package dev.twelvefactor.support.web;
