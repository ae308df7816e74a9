/**
 * A real PostgreSQL 17 server run locally from a jar, and the credentials a service
 * reaches its database with.
 */
package dev.twelvefactor.postgres;
