/**
 * The key that signs every token: an RSA private key read from a file at startup, its
 * public half published at {@code /oauth2/jwks} under a {@code kid} derived from the key
 * itself, so that every replica and every restart names the same key the same way.
 */
package dev.twelvefactor.auth.signing;
