/**
 * Who may call the order API: bearer access tokens of auth-service with the orders
 * scopes, checked here as at the gateway (defence in depth), and the OAuth2 scheme the
 * OpenAPI document offers to Swagger UI.
 */
package dev.twelvefactor.order.security;
