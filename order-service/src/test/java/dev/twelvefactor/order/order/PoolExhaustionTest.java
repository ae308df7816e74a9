package dev.twelvefactor.order.order;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.twelvefactor.order.OrderIntegrationTest;
import dev.twelvefactor.order.inventory.InventoryClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

import static dev.twelvefactor.order.Callers.alice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real pool, out of connections while the database is fine, answers "Service busy"
 * (not "Database unavailable") and recovers as soon as connections come back. What
 * service-support's handler relies on to tell the two apart is HikariCP's: its timeout
 * carries the last failure to open a connection as its cause, and none when there was
 * none.
 */
@AutoConfigureMockMvc
class PoolExhaustionTest extends OrderIntegrationTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	DataSource dataSource;

	/** The same context as the other API tests (cached once per run). */
	@MockitoBean
	InventoryClient inventory;

	@Test
	void aPoolWithEveryConnectionInUseAnswersServiceBusyAndRecovers() throws SQLException {
		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		List<Connection> held = new ArrayList<>();
		try {
			for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
				held.add(pool.getConnection());
			}

			assertThat(mvc.get().uri("/api/orders").with(alice())).hasStatus(503)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.hasHeader("Retry-After", "1")
				.bodyJson()
				.extractingPath("$.title")
				.isEqualTo("Service busy");
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		assertThat(mvc.get().uri("/api/orders").with(alice())).hasStatusOk();
	}

	@Test
	void aPoolThatCannotReachItsDatabaseTimesOutWithTheConnectionFailureAsCause() throws IOException {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort() + "/orders");
		config.setUsername("nobody");
		config.setPassword("nothing");
		config.setMaximumPoolSize(1);
		config.setConnectionTimeout(250);
		config.setInitializationFailTimeout(-1);
		try (HikariDataSource unreachable = new HikariDataSource(config)) {
			assertThatThrownBy(unreachable::getConnection).isInstanceOf(SQLTransientConnectionException.class)
				.hasMessageContaining("Connection is not available")
				.cause()
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("refused");
		}
	}

	/** A port nothing listens on (one that was free a moment ago). */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
