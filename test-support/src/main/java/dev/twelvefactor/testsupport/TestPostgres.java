package dev.twelvefactor.testsupport;

import dev.twelvefactor.postgres.DatabaseCredentials;
import dev.twelvefactor.postgres.LocalPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One real PostgreSQL for a test JVM: a Testcontainers container when a Docker engine is
 * reachable (as in GitHub Actions), otherwise the same embedded PostgreSQL 17 the
 * launcher runs. Never H2.
 */
public final class TestPostgres {

	private static DatabaseCredentials shared;

	private TestPostgres() {
	}

	/** The credentials of a database that lives as long as the test JVM. */
	public static synchronized DatabaseCredentials database(String name) {
		if (shared == null) {
			shared = dockerAvailable() ? startContainer(name) : startEmbedded(name);
		}
		return shared;
	}

	/**
	 * Sets DB_URL, DB_USERNAME and DB_PASSWORD, the variables the service's configuration
	 * reads.
	 */
	public static void register(DynamicPropertyRegistry registry, String databaseName) {
		DatabaseCredentials database = database(databaseName);
		registry.add("DB_URL", database::url);
		registry.add("DB_USERNAME", database::username);
		registry.add("DB_PASSWORD", database::password);
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable notAvailable) {
			return false;
		}
	}

	@SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM exits
	private static DatabaseCredentials startContainer(String name) {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine").withDatabaseName(name);
		container.start();
		return new DatabaseCredentials(container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	private static DatabaseCredentials startEmbedded(String name) {
		try {
			LocalPostgres postgres = LocalPostgres.start(Files.createTempDirectory("test-postgres"), 0);
			Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
			return postgres.ensureDatabase(name);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
