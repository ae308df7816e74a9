/**
 * The OAuth 2.1 and OpenID Connect endpoints ({@code /oauth2/**},
 * {@code /.well-known/**}, {@code /userinfo}, {@code /connect/**}) and their security.
 * The registered clients, the issuer and token lifetimes come from Spring Boot's
 * {@code spring.security.oauth2.authorizationserver.*} settings.
 */
package dev.twelvefactor.auth.server;
