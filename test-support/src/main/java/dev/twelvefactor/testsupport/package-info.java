/**
 * What the services' tests share: one real PostgreSQL per test JVM, a stand-in for
 * auth-service that signs real access tokens, and the API contracts both sides of an API
 * run.
 */
package dev.twelvefactor.testsupport;
