package dev.twelvefactor.inventory.product;

import dev.twelvefactor.inventory.security.InventoryApiSecurity;
import dev.twelvefactor.support.web.DatabaseUnavailableHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * While the database restarts, a request gets 503 problem+json with Retry-After, not a
 * 500.
 */
@WebMvcTest(controllers = ProductController.class,
		properties = { "spring.cloud.config.enabled=false", "spring.config.import=file:../config-repo/application.yml",
				// The catalogue needs no token: auth-service is never called.
				"AUTH_URL=http://127.0.0.1:1", "PUBLIC_URL=http://127.0.0.1:1" })
@Import({ DatabaseUnavailableHandler.class, InventoryApiSecurity.class })
class DatabaseUnavailableTest {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ProductRepository products;

	@Test
	void aPoolThatCannotReachTheDatabaseIsA503DatabaseUnavailable() {
		SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused.", "08001");
		given(products.findBySku("KB-001"))
			.willThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
					new SQLTransientConnectionException(
							"HikariPool-1 - Connection is not available, request timed out after 2000ms", "08001",
							refused)));

		assertThat(mvc.get().uri("/api/inventory/products/KB-001")).hasStatus(503)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("Retry-After", "5")
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Database unavailable");
	}

	@Test
	void aPoolWithNoFreeConnectionIsA503ServiceBusy() {
		given(products.findBySku("KB-001")).willThrow(new CannotGetJdbcConnectionException(
				"Failed to obtain JDBC Connection", new SQLTransientConnectionException(
						"HikariPool-1 - Connection is not available, request timed out after 2000ms")));

		assertThat(mvc.get().uri("/api/inventory/products/KB-001")).hasStatus(503)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("Retry-After", "1")
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Service busy");
	}

	@Test
	void aTransactionThatCannotStartIsA503Too() {
		given(products.count())
			.willThrow(new CannotCreateTransactionException("Could not open JDBC Connection for transaction"));

		assertThat(mvc.get().uri("/api/inventory/products")).hasStatus(503).hasHeader("Retry-After", "5");
	}

}
