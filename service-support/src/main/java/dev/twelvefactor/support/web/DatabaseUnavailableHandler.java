package dev.twelvefactor.support.web;

import dev.twelvefactor.support.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * A database that is restarting, unreachable or out of connections is a temporary
 * condition, not a bug: the client gets 503 with Retry-After instead of a 500. The
 * transaction was rolled back, so nothing was half written; a request repeated later (for
 * an order, with the same Idempotency-Key) is safe.
 * <p>
 * Two causes, two answers. A pool that timed out waiting for one of its own connections
 * to come back means more requests than connections right now, while the database
 * answers: "Service busy", retry in a second. A pool that could not open a connection
 * means the database is away: "Database unavailable", retry in a few seconds. HikariCP
 * tells them apart itself: its timeout exception (HikariPool.createTimeoutException) is a
 * {@link SQLTransientConnectionException} whose cause is the last failure to open a
 * connection, and none when the last attempt succeeded.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseUnavailableHandler {

	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	/**
	 * A busy pool frees a connection within milliseconds of a query ending: a second is
	 * enough, and more would leave connections idle once the burst is over.
	 */
	static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			RecoverableDataAccessException.class, CannotCreateTransactionException.class,
			TransactionSystemException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception failure) {
		if (poolExhausted(failure)) {
			// Debug only: under overload this is every refused request, and HikariCP
			// counts each one already (hikaricp_connections_timeout_total).
			log.debug("Connection pool exhausted, answering 503: {}", failure.getMessage());
			return Problem
				.of(HttpStatus.SERVICE_UNAVAILABLE, "Service busy",
						"The service has more requests than database connections right now; nothing was changed. "
								+ "Retry in a second.")
				.retryAfter(BUSY_RETRY_AFTER)
				.toResponseEntity();
		}
		log.warn("Database unavailable, answering 503: {}", failure.getMessage());
		return Problem
			.of(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
					"The database is unavailable for a moment; nothing was changed. Retry in a few seconds.")
			.retryAfter(RETRY_AFTER)
			.toResponseEntity();
	}

	/**
	 * Whether the pool timed out waiting for a free connection while the database
	 * answered: a {@link SQLTransientConnectionException} in the causes that has no cause
	 * of its own (no failure to open a connection behind it).
	 */
	static boolean poolExhausted(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException) {
				return cause.getCause() == null;
			}
		}
		return false;
	}

}
