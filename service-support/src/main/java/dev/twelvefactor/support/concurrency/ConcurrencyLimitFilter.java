package dev.twelvefactor.support.concurrency;

import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.twelvefactor.support.problem.Problem;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lets a request in only while the instance is below its adaptive concurrency limit
 * ({@link AdaptiveLimiter}); over it, the request is refused at once with 503
 * problem+json and {@code Retry-After: 1}, before any work (nothing was changed, so any
 * request, a POST included, may be sent again). Past saturation an instance then keeps
 * doing the work it can do at normal latency, instead of taking everything in and getting
 * slower for all (congestion collapse).
 * <p>
 * The permit is released when the answer is complete, with what the answer says about
 * capacity ({@link Outcome}); for a request that went asynchronous, when the async
 * request completes, times out or fails. Requests under {@code excludedPath} (actuator's,
 * when management shares the main port) pass without a permit: health probes and scrapes
 * must reach an overloaded instance.
 */
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

	/** The limit changes within a second; a client need not wait longer. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	static final String TITLE = "Service overloaded";

	private final SimpleLimiter<Void> limiter;

	private final String excludedPath;

	private final LongAdder refusals = new LongAdder();

	/**
	 * @param limiter the instance's limiter
	 * @param excludedPath requests to this path and below pass without a permit; null:
	 * none
	 */
	public ConcurrencyLimitFilter(SimpleLimiter<Void> limiter, String excludedPath) {
		this.limiter = limiter;
		this.excludedPath = excludedPath;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (excludedPath == null) {
			return false;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals(excludedPath) || path.startsWith(excludedPath + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Permit> acquired = Permit.tryAcquire(limiter);
		if (acquired.isEmpty()) {
			refuse(request, response);
			return;
		}
		Permit permit = acquired.get();
		try {
			chain.doFilter(request, response);
		}
		catch (Throwable failure) {
			permit.release(Outcome.ofFailure(failure));
			throw failure;
		}
		if (request.isAsyncStarted()) {
			request.getAsyncContext().addListener(new ReleaseWhenDone(permit, response));
		}
		else {
			permit.release(Outcome.ofStatus(response.getStatus()));
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		refusals.increment();
		Problem problem = Problem
			.of(HttpStatus.SERVICE_UNAVAILABLE, TITLE,
					"The service is at its concurrency limit (" + limiter.getLimit()
							+ " requests in flight on this instance) and did not start this request. "
							+ "Retry after the Retry-After delay.")
			.retryAfter(RETRY_AFTER)
			.instance(request.getRequestURI());
		// Before Spring MVC: no message converter is at hand, the factory writes the JSON
		// itself.
		response.setStatus(problem.status().value());
		problem.headers().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(problem.toJson());
	}

	/** The limit now. */
	public int limit() {
		return limiter.getLimit();
	}

	/** Requests holding a permit now. */
	public int inflight() {
		return limiter.getInflight();
	}

	/** Requests refused since start. */
	public long refusals() {
		return refusals.sum();
	}

	/** Releases an async request's permit when it ends, however it ends. */
	private record ReleaseWhenDone(Permit permit, HttpServletResponse response) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			permit.release(Outcome.ofStatus(response.getStatus()));
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			permit.release(Outcome.DROPPED);
		}

		@Override
		public void onError(AsyncEvent event) {
			permit.release((event.getThrowable() != null) ? Outcome.ofFailure(event.getThrowable()) : Outcome.IGNORED);
		}

		/** Dispatched and started again: listeners are cleared, so register again. */
		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
