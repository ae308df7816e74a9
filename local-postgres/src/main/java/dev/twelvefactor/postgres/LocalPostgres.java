package dev.twelvefactor.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL 17 server run from the binaries zonky ships in a jar, so the local
 * run needs no Docker and still uses the same database engine as production (factor X).
 * Data stays in {@code dataDirectory} between runs. It listens on the loopback address
 * only: nothing outside this machine reaches it.
 */
public final class LocalPostgres implements AutoCloseable {

	/** The one address the server listens on (besides its Unix socket). */
	public static final String LISTEN_ADDRESS = "127.0.0.1";

	private final EmbeddedPostgres postgres;

	private boolean stopped;

	private LocalPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/** Starts the server; {@code port} 0 picks a free port. */
	public static LocalPostgres start(Path dataDirectory, int port) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				// Loopback only, said explicitly rather than left to the compiled
				// default:
				// the roles' passwords are no secret and initdb trusts local connections.
				.setServerConfig("listen_addresses", LISTEN_ADDRESS)
				// The default of 10 s is too short on a busy 2-core machine.
				.setPGStartupWait(Duration.ofSeconds(60));
			if (port > 0) {
				builder.setPort(port);
			}
			return new LocalPostgres(builder.start());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
		}
	}

	public synchronized boolean isStopped() {
		return stopped;
	}

	public int port() {
		return postgres.getPort();
	}

	/**
	 * Makes sure {@code database} exists, owned by a login role of the same name, and
	 * returns how to reach it. Idempotent, so a kept data folder is reused as it is.
	 */
	public DatabaseCredentials ensureDatabase(String database) {
		String role = database + "_app";
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			if (!exists(statement, "select 1 from pg_roles where rolname = '" + role + "'")) {
				statement.execute("create role " + role + " login password '" + role + "'");
			}
			if (!exists(statement, "select 1 from pg_database where datname = '" + database + "'")) {
				statement.execute("create database " + database + " owner " + role);
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("Could not create database " + database, e);
		}
		return DatabaseCredentials.local(port(), database);
	}

	private static boolean exists(Statement statement, String query) throws SQLException {
		try (ResultSet result = statement.executeQuery(query)) {
			return result.next();
		}
	}

	/**
	 * Stops the server (fast shutdown); the data stays. Stopping twice is the same as
	 * once.
	 */
	@Override
	public synchronized void close() {
		if (stopped) {
			return;
		}
		stopped = true;
		try {
			postgres.close();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
