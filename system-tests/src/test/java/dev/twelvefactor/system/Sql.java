package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.postgres.DatabaseCredentials;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Statements on order-service's database, as its own user: test data in bulk. */
final class Sql {

	private Sql() {
	}

	static int execute(LocalPlatform platform, String sql) {
		DatabaseCredentials database = platform.database(Service.ORDER);
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password())) {
			return connection.createStatement().executeUpdate(sql);
		}
		catch (SQLException e) {
			throw new IllegalStateException(sql, e);
		}
	}

}
