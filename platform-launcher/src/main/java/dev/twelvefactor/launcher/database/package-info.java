/**
 * The platform's one PostgreSQL server and the database each service owns on it.
 */
package dev.twelvefactor.launcher.database;
