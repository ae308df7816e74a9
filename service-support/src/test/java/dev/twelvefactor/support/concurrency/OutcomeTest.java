package dev.twelvefactor.support.concurrency;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.server.ResponseStatusException;

import java.net.SocketTimeoutException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTest {

	@ParameterizedTest
	@ValueSource(ints = { 200, 201, 202, 204, 302, 304 })
	void answersBelow400AreSamples(int status) {
		assertThat(Outcome.ofStatus(status)).isEqualTo(Outcome.SUCCESS);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 409, 413, 422, 429, 500, 501 })
	void fastFailuresAndBugsSayNothingAboutCapacity(int status) {
		assertThat(Outcome.ofStatus(status)).isEqualTo(Outcome.IGNORED);
	}

	@ParameterizedTest
	@ValueSource(ints = { 502, 503, 504 })
	void unavailableOrTooSlowIsADrop(int status) {
		assertThat(Outcome.ofStatus(status)).isEqualTo(Outcome.DROPPED);
	}

	@Test
	void aTimeoutIsADropWhereverItIsInTheChain() {
		assertThat(Outcome.ofFailure(new TimeoutException())).isEqualTo(Outcome.DROPPED);
		assertThat(Outcome.ofFailure(new ResourceAccessException("I/O error", new SocketTimeoutException())))
			.isEqualTo(Outcome.DROPPED);
		assertThat(Outcome.ofFailure(new RuntimeException(new QueryTimeoutException("slow"))))
			.isEqualTo(Outcome.DROPPED);
		assertThat(Outcome.ofFailure(new IllegalStateException(new SQLTimeoutException()))).isEqualTo(Outcome.DROPPED);
	}

	@Test
	void otherFailuresCountByTheStatusTheyCarryElseNotAtAll() {
		assertThat(Outcome.ofFailure(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE)))
			.isEqualTo(Outcome.DROPPED);
		assertThat(Outcome.ofFailure(new ResponseStatusException(HttpStatus.NOT_FOUND))).isEqualTo(Outcome.IGNORED);
		assertThat(Outcome.ofFailure(new IllegalStateException("bug"))).isEqualTo(Outcome.IGNORED);
	}

}
