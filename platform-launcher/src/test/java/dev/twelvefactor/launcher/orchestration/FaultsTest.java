package dev.twelvefactor.launcher.orchestration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.database.PlatformDatabase;
import dev.twelvefactor.postgres.DatabaseCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The database restart the resilience scenarios inject, on a real PostgreSQL: down means
 * no connection is accepted; back means the same port and the same data, so services
 * reconnect by themselves.
 */
class FaultsTest {

	@TempDir
	Path data;

	@Test
	void aRestartedDatabaseKeepsItsPortAndItsData() throws SQLException {
		try (PlatformDatabase database = PlatformDatabase.start(data, 0, message -> {
		})) {
			Faults faults = new Faults(message -> {
			}, () -> database);
			DatabaseCredentials orders = database.credentials(Service.ORDER).orElseThrow();
			execute(orders, "create table kept (id int)", "insert into kept values (42)");

			faults.stopDatabase();
			assertThat(database.isStopped()).isTrue();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> execute(orders, "select 1"));

			faults.startDatabaseIfStopped();
			assertThat(database.isStopped()).isFalse();
			assertThat(count(orders, "select count(*) from kept where id = 42")).isOne();

			// Undoing a fault that did not happen changes nothing.
			faults.startDatabaseIfStopped();
			assertThat(count(orders, "select count(*) from kept")).isOne();
		}
	}

	private static void execute(DatabaseCredentials credentials, String... statements) throws SQLException {
		try (Connection connection = connect(credentials); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static int count(DatabaseCredentials credentials, String query) throws SQLException {
		try (Connection connection = connect(credentials);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(query)) {
			result.next();
			return result.getInt(1);
		}
	}

	private static Connection connect(DatabaseCredentials credentials) throws SQLException {
		return DriverManager.getConnection(credentials.url(), credentials.username(), credentials.password());
	}

}
