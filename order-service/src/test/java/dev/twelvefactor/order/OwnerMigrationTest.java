package dev.twelvefactor.order;

import dev.twelvefactor.postgres.DatabaseCredentials;
import dev.twelvefactor.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V3 (orders get an owner) on a database that already has orders, as every running
 * platform has: a schema of its own on the tests' real PostgreSQL is migrated to V2,
 * given orders and Idempotency-Keys, then migrated on.
 */
class OwnerMigrationTest {

	static final UUID CONFIRMED = UUID.fromString("00000000-0000-4000-8000-00000000c0f1");

	static final UUID PENDING = UUID.fromString("00000000-0000-4000-8000-00000000e4d1");

	final String schema = "v3_migration_" + UUID.randomUUID().toString().replace("-", "");

	final DatabaseCredentials database = TestPostgres.database("orders");

	JdbcClient jdbc;

	@BeforeEach
	void ordersPlacedBeforeOrdersHadOwners() {
		migrateTo("2");
		DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.username(),
				database.password());
		dataSource.setSchema(schema);
		jdbc = JdbcClient.create(dataSource);
		jdbc.sql("insert into orders (id, status, total) values (:id, 'CONFIRMED', 89.90)")
			.param("id", CONFIRMED)
			.update();
		jdbc.sql("insert into orders (id, status) values (:id, 'PENDING')").param("id", PENDING).update();
		jdbc.sql("insert into order_line (order_id, sku, quantity, unit_price) values (:id, 'KB-001', 1, 89.90)")
			.param("id", CONFIRMED)
			.update();
		jdbc.sql("insert into order_line (order_id, sku, quantity) values (:id, 'MS-002', 2)")
			.param("id", PENDING)
			.update();
		jdbc.sql("insert into idempotency_key (key, request_hash, order_id, response_status) "
				+ "values ('key-1', :hash, :id, 201), ('key-2', :hash, :pending, null)")
			.param("hash", "0".repeat(64))
			.param("id", CONFIRMED)
			.param("pending", PENDING)
			.update();
	}

	@AfterEach
	void dropSchema() {
		jdbc.sql("drop schema " + schema + " cascade").update();
	}

	@Test
	void keepsEveryOrderLineAndKeyAsUnowned() {
		migrateTo("latest");

		assertThat(jdbc.sql("select id, status, owner from orders order by id").query().listOfRows()).containsExactly(
				Map.of("id", CONFIRMED, "status", "CONFIRMED", "owner", "unowned"),
				Map.of("id", PENDING, "status", "PENDING", "owner", "unowned"));
		assertThat(jdbc.sql("select count(*) from order_line").query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("select owner || '/' || key from idempotency_key order by key").query(String.class).list())
			.containsExactly("unowned/key-1", "unowned/key-2");
	}

	@Test
	void ownersAreRequiredFromNowOnAndKeysAreUniquePerOwner() {
		migrateTo("latest");

		assertThat(jdbc
			.sql("select table_name || ':' || is_nullable || ':' || coalesce(column_default, 'none') "
					+ "from information_schema.columns where table_schema = :schema and column_name = 'owner' "
					+ "order by table_name")
			.param("schema", schema)
			.query(String.class)
			.list()).containsExactly("idempotency_key:NO:none", "orders:NO:none");
		assertThatThrownBy(() -> jdbc.sql("insert into orders (id, status) values (:id, 'PENDING')")
			.param("id", UUID.randomUUID())
			.update()).isInstanceOf(DataIntegrityViolationException.class);

		jdbc.sql(
				"insert into idempotency_key (owner, key, request_hash, order_id) values ('alice', 'key-1', :hash, :id)")
			.param("hash", "1".repeat(64))
			.param("id", PENDING)
			.update();
		assertThatThrownBy(() -> jdbc.sql(
				"insert into idempotency_key (owner, key, request_hash, order_id) values ('alice', 'key-1', :hash, :id)")
			.param("hash", "2".repeat(64))
			.param("id", PENDING)
			.update()).isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void theListQueryHasItsIndex() {
		migrateTo("latest");

		List<String> indexes = jdbc.sql("select indexdef from pg_indexes where schemaname = :schema")
			.param("schema", schema)
			.query(String.class)
			.list();
		assertThat(indexes).anySatisfy(
				index -> assertThat(index).contains("orders_owner_created").contains("(owner, created_at DESC, id)"));
	}

	private void migrateTo(String version) {
		Flyway.configure()
			.dataSource(database.url(), database.username(), database.password())
			.schemas(schema)
			.createSchemas(true)
			.target(version)
			.load()
			.migrate();
	}

}
