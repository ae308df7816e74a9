/**
 * What the services' tests share: one real PostgreSQL per test JVM and the API contracts
 * both sides of an API run.
 */
package dev.twelvefactor.testsupport;
