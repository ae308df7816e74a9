package dev.twelvefactor.support.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * {@code platform_database_info{engine, version} 1}: the database engine each instance
 * really talks to, so that dev/prod parity (factor X) can be seen: PostgreSQL everywhere,
 * embedded locally, a container or a managed server elsewhere. Read once at startup; a
 * database that is not up yet reports "unavailable".
 */
public class DatabaseInfoMetrics implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(DatabaseInfoMetrics.class);

	private final DataSource dataSource;

	public DatabaseInfoMetrics(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		String engine = "unavailable";
		String version = "unavailable";
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			engine = metaData.getDatabaseProductName();
			version = metaData.getDatabaseMajorVersion() + "." + metaData.getDatabaseMinorVersion();
		}
		catch (SQLException e) {
			log.warn("Could not read the database version: {}", e.getMessage());
		}
		Gauge.builder("platform.database.info", () -> 1)
			.description("The database engine and version this instance uses (always 1)")
			.tag("engine", engine)
			.tag("version", version)
			.register(registry);
	}

}
