package dev.twelvefactor.support.concurrency;

import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.twelvefactor.support.concurrency.ConcurrencyLimitProperties.Algorithm;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The filter with a real limiter (Vegas, held at 4 by its bounds) and requests on real
 * threads.
 */
class ConcurrencyLimitFilterTest {

	static final int LIMIT = 4;

	final SimpleLimiter<Void> limiter = AdaptiveLimiter
		.create(new ConcurrencyLimitProperties(true, Algorithm.VEGAS, LIMIT, LIMIT, LIMIT));

	final ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(limiter, "/actuator");

	final CountDownLatch release = new CountDownLatch(1);

	final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	@AfterEach
	void stop() {
		release.countDown();
		threads.shutdownNow();
	}

	@Test
	void requestsOverTheLimitAreRefusedAtOnceWithAProblem() throws Exception {
		List<Future<MockHttpServletResponse>> slow = new ArrayList<>();
		for (int i = 0; i < LIMIT; i++) {
			slow.add(threads.submit(() -> send("/api/orders", (request, response) -> hold(release))));
		}
		await().atMost(Duration.ofSeconds(5)).until(filter::inflight, (inflight) -> inflight == LIMIT);

		List<Future<Long>> refused = new ArrayList<>();
		for (int i = 0; i < 3 * LIMIT; i++) {
			refused.add(threads.submit(() -> {
				long start = System.nanoTime();
				MockHttpServletResponse response = send("/api/orders", (request, answer) -> {
					throw new AssertionError("a refused request must not reach the application");
				});
				long took = System.nanoTime() - start;
				assertOverloaded(response);
				return took;
			}));
		}
		for (Future<Long> refusal : refused) {
			assertThat(Duration.ofNanos(refusal.get(5, TimeUnit.SECONDS))).isLessThan(Duration.ofMillis(100));
		}
		assertThat(filter.refusals()).isEqualTo(3 * LIMIT);
		assertThat(filter.inflight()).isEqualTo(LIMIT);

		release.countDown();
		for (Future<MockHttpServletResponse> request : slow) {
			assertThat(request.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
		}
		assertThat(filter.inflight()).isZero();
		assertThat(send("/api/orders", (request, response) -> {
		}).getStatus()).isEqualTo(200);
	}

	@Test
	void aFailedRequestGivesItsPermitBack() throws Exception {
		for (int i = 0; i < 2 * LIMIT; i++) {
			assertThatExceptionOfType(ServletException.class)
				.isThrownBy(() -> send("/api/orders", (request, response) -> {
					throw new ServletException("handler failed");
				}));
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> send("/api/orders", (request, response) -> {
					throw new IllegalStateException("bug");
				}));
		}

		assertThat(filter.inflight()).isZero();
		assertThat(filter.refusals()).isZero();
	}

	@Test
	void aServerErrorGivesItsPermitBack() throws Exception {
		for (int status : new int[] { 500, 502, 503, 504, 400, 404, 429 }) {
			for (int i = 0; i < LIMIT; i++) {
				assertThat(
						send("/api/orders", (request, response) -> ((HttpServletResponse) response).setStatus(status))
							.getStatus())
					.isEqualTo(status);
			}
		}

		assertThat(filter.inflight()).isZero();
		assertThat(filter.refusals()).isZero();
	}

	@Test
	void anAsyncRequestHoldsItsPermitUntilItCompletesAndReleasesItOnce() throws Exception {
		List<MockHttpServletRequest> started = new ArrayList<>();
		for (int i = 0; i < LIMIT; i++) {
			MockHttpServletRequest request = request("/api/orders");
			request.setAsyncSupported(true);
			filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> req.startAsync());
			started.add(request);
		}
		assertThat(filter.inflight()).as("after the request threads returned").isEqualTo(LIMIT);
		assertOverloaded(send("/api/orders", (request, response) -> {
		}));

		for (MockHttpServletRequest request : started) {
			MockAsyncContext async = (MockAsyncContext) request.getAsyncContext();
			// A timeout, then the completion that follows it: one release.
			for (AsyncListener listener : async.getListeners()) {
				listener.onTimeout(new AsyncEvent(async));
			}
			async.complete();
		}

		assertThat(filter.inflight()).isZero();
		assertThat(limiter.getLimit()).isEqualTo(LIMIT);
	}

	@Test
	void actuatorOnTheMainPortIsNotLimited() throws Exception {
		for (int i = 0; i < LIMIT; i++) {
			threads.submit(() -> send("/api/orders", (request, response) -> hold(release)));
		}
		await().atMost(Duration.ofSeconds(5)).until(filter::inflight, (inflight) -> inflight == LIMIT);

		assertThat(send("/actuator/health/liveness", (request, response) -> {
		}).getStatus()).isEqualTo(200);
		assertThat(send("/actuator", (request, response) -> {
		}).getStatus()).isEqualTo(200);
		assertOverloaded(send("/actuatorx", (request, response) -> {
		}));
	}

	private MockHttpServletResponse send(String path, FilterChain application) throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request(path), response, application);
		return response;
	}

	private static MockHttpServletRequest request(String path) {
		return new MockHttpServletRequest("POST", path);
	}

	private static void assertOverloaded(MockHttpServletResponse response) throws IOException {
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("1");
		assertThat(response.getContentType()).startsWith("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.getContentAsString());
		assertThat(problem.path("status").asInt()).isEqualTo(503);
		assertThat(problem.path("title").asString()).isEqualTo("Service overloaded");
		assertThat(problem.path("type").asString()).isEqualTo("about:blank");
		assertThat(problem.path("detail").asString()).contains("concurrency limit (4 requests in flight")
			.contains("Retry-After");
	}

	private static void hold(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
