/**
 * The single public entry point: routes /api/** to the services through Eureka, with
 * problem+json errors.
 */
package dev.twelvefactor.gateway;
