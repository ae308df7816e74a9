package dev.twelvefactor.platform.database;

/** What a service needs to reach its own database: the values of DB_URL, DB_USERNAME and DB_PASSWORD. */
public record DatabaseCredentials(String url, String username, String password) {
}
