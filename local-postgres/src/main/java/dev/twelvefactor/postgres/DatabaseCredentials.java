package dev.twelvefactor.postgres;

/**
 * What a service needs to reach its own database: the values of DB_URL, DB_USERNAME and
 * DB_PASSWORD.
 */
public record DatabaseCredentials(String url, String username, String password) {

	/**
	 * How a service reaches its database on a local server at {@code port}: a login role
	 * named after it.
	 */
	public static DatabaseCredentials local(int port, String database) {
		String role = database + "_app";
		return new DatabaseCredentials("jdbc:postgresql://127.0.0.1:" + port + "/" + database, role, role);
	}
}
