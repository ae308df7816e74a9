/**
 * Who may use the Eureka server: every registry endpoint and the dashboard need the user
 * {@code eureka} (HTTP Basic); the management port is secured by service-support.
 */
package dev.twelvefactor.discovery.security;
