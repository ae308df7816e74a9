package dev.twelvefactor.support.problem;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {

	@Test
	void writesTheMembersInOrderWithExtensionsLast() {
		Problem problem = Problem.of(HttpStatus.CONFLICT, "Insufficient stock", "Not enough stock for A-1.")
			.instance("/api/orders")
			.with("skus", List.of("A-1"));

		assertThat(problem.toJson()).isEqualTo("""
				{"type":"about:blank","title":"Insufficient stock","status":409,"detail":"Not enough stock for A-1.",\
				"instance":"/api/orders","skus":["A-1"]}""");
	}

	@Test
	void leavesOutAnInstanceThatIsNoUri() {
		assertThat(Problem.of(HttpStatus.BAD_REQUEST, "Bad Request", "Bad.").instance("/x{y} z").members())
			.doesNotContainKey("instance");
		assertThat(Problem.of(HttpStatus.BAD_REQUEST, "Bad Request", "Bad.").instance(null).members())
			.doesNotContainKey("instance");
	}

	@Test
	void carriesRetryAfterIntoTheExceptionAndTheResponse() {
		Problem problem = Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable", "Retry.")
			.retryAfter(Duration.ofSeconds(5));

		ErrorResponseException exception = problem.toException();
		assertThat(exception.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(exception.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(exception.getBody().getTitle()).isEqualTo("Database unavailable");
		assertThat(problem.toResponseEntity().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(problem.toResponseEntity().getHeaders().getContentType()).hasToString("application/problem+json");
	}

	@Test
	void namesTheTraceOfTheRequestItAnswersWhenThereIsOne() {
		MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		try {
			assertThat(Problem.of(HttpStatus.CONFLICT, "Conflict", "Taken.").members()).containsEntry(Problem.TRACE_ID,
					"4bf92f3577b34da6a3ce929d0e0e4736");
		}
		finally {
			MDC.remove("traceId");
		}
		assertThat(Problem.of(HttpStatus.CONFLICT, "Conflict", "Taken.").members()).doesNotContainKey(Problem.TRACE_ID);
	}

	@Test
	void keepsTheTraceIdAProblemAlreadyHas() {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_GATEWAY);
		Problem.withTraceId(problem, Optional.empty());
		assertThat(problem.getProperties()).isNull();
		Problem.withTraceId(problem, Optional.of("4bf92f3577b34da6a3ce929d0e0e4736"));
		Problem.withTraceId(problem, Optional.of("00000000000000000000000000000001"));
		assertThat(problem.getProperties()).containsEntry(Problem.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736");
	}

}
