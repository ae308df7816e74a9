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

import java.time.Duration;

/**
 * A database that is restarting, unreachable or out of connections is a temporary
 * condition, not a bug: the client gets 503 with Retry-After instead of a 500. The
 * transaction was rolled back, so nothing was half written; a request repeated later (for
 * an order, with the same Idempotency-Key) is safe.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseUnavailableHandler {

	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			RecoverableDataAccessException.class, CannotCreateTransactionException.class,
			TransactionSystemException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception failure) {
		log.warn("Database unavailable, answering 503: {}", failure.getMessage());
		return Problem
			.of(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
					"The database is unavailable for a moment; nothing was changed. Retry in a few seconds.")
			.retryAfter(RETRY_AFTER)
			.toResponseEntity();
	}

}
