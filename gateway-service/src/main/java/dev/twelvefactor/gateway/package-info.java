/**
 * The single public entry point: routes /api/** (and auth-service's sign-in endpoints) to
 * the services through Eureka, checks access tokens, limits request rates, with
 * problem+json errors.
 */
package dev.twelvefactor.gateway;
