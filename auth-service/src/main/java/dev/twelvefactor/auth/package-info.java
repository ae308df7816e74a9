/**
 * auth-service: the platform's OAuth 2.1 authorization server. It issues the JWT access
 * tokens every resource server checks: to machines (client_credentials) and to people who
 * sign in on its login page (authorization_code with PKCE).
 */
package dev.twelvefactor.auth;
