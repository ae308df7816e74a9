package dev.twelvefactor.support.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool that timed out waiting for its own connections is "Service busy"; a database
 * that cannot be reached stays "Database unavailable". The exceptions are built as
 * HikariCP builds them (HikariPool.createTimeoutException: the cause is the last failure
 * to open a connection, if any) and wrapped as Spring wraps them; order-service's
 * PoolExhaustionTest shows the real pool doing so.
 */
class DatabaseUnavailableHandlerTest {

	static final String TIMED_OUT = "HikariPool-1 - Connection is not available, request timed out after 2000ms "
			+ "(total=10, active=10, idle=0, waiting=54)";

	final Failing controller = new Failing();

	final MockMvcTester mvc = MockMvcTester.create(
			MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new DatabaseUnavailableHandler()).build());

	@Test
	void aPoolThatTimedOutWaitingForAFreeConnectionIsBusy() {
		controller.failure = new DataAccessResourceFailureException("Failed to obtain JDBC Connection",
				new SQLTransientConnectionException(TIMED_OUT));

		MvcTestResult result = mvc.get().uri("/fail").exchange();

		assertThat(result).hasStatus(503)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("Retry-After", "1");
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Service busy");
		assertThat(result).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("more requests than database connections")
			.contains("Retry");
	}

	@Test
	void aTransactionThatFoundNoFreeConnectionIsBusyToo() {
		controller.failure = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
				new SQLTransientConnectionException(TIMED_OUT));

		assertThat(mvc.get().uri("/fail")).hasStatus(503)
			.hasHeader("Retry-After", "1")
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Service busy");
	}

	@Test
	void aPoolThatTimedOutBecauseItCouldNotConnectIsDatabaseUnavailable() {
		SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused.", "08001",
				new ConnectException("Connection refused"));
		SQLTransientConnectionException timedOut = new SQLTransientConnectionException(TIMED_OUT, "08001", refused);
		timedOut.setNextException(refused);
		controller.failure = new DataAccessResourceFailureException("Failed to obtain JDBC Connection", timedOut);

		assertUnavailable(mvc.get().uri("/fail").exchange());
	}

	@Test
	void aConnectionLostInTheMiddleOfAQueryIsDatabaseUnavailable() {
		controller.failure = new DataAccessResourceFailureException("I/O error",
				new SQLException("An I/O error occurred while sending to the backend.", "08006"));

		assertUnavailable(mvc.get().uri("/fail").exchange());
	}

	@Test
	void aTransactionThatCannotStartForAnotherReasonIsDatabaseUnavailable() {
		controller.failure = new CannotCreateTransactionException("Could not open JDBC Connection for transaction");

		assertUnavailable(mvc.get().uri("/fail").exchange());
	}

	private static void assertUnavailable(MvcTestResult result) {
		assertThat(result).hasStatus(503)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("Retry-After", "5")
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Database unavailable");
	}

	@RestController
	static class Failing {

		RuntimeException failure;

		@GetMapping("/fail")
		String fail() {
			throw failure;
		}

	}

}
