package dev.twelvefactor.support.loadbalancer;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request that was started ends exactly once, on every way a request can end: an
 * instance whose count only grew would never be chosen again.
 */
class InstanceLoadTest {

	static final ServiceInstance A = new DefaultServiceInstance("a", "inventory-service", "127.0.0.1", 1001, false);

	static final ServiceInstance B = new DefaultServiceInstance("b", "inventory-service", "127.0.0.1", 1002, false);

	final AtomicLong now = new AtomicLong();

	final InstanceLoad load = new InstanceLoad(now::get);

	@Test
	void aRequestCountsFromItsStartUntilItSucceedsOrFails() {
		Request<Object> ok = new DefaultRequest<>();
		Request<Object> failing = new DefaultRequest<>();
		Response<ServiceInstance> okChoice = new DefaultResponse(A);
		Response<ServiceInstance> failingChoice = new DefaultResponse(A);
		load.onStartRequest(ok, okChoice);
		load.onStartRequest(failing, failingChoice);
		assertThat(load.outstanding(A)).isEqualTo(2);

		load.onComplete(new CompletionContext<>(CompletionContext.Status.SUCCESS, ok, okChoice));
		assertThat(load.outstanding(A)).isEqualTo(1);

		load.onComplete(new CompletionContext<>(CompletionContext.Status.FAILED, new IOException("reset"), failing,
				failingChoice));
		assertThat(load.outstanding(A)).isZero();
	}

	@Test
	void aDiscardedChoiceWasNeverStartedAndEndsNothing() {
		Request<Object> running = new DefaultRequest<>();
		load.onStartRequest(running, new DefaultResponse(A));

		// No instance: the gateway reports DISCARD, then FAILED, both without a server.
		Request<Object> noInstance = new DefaultRequest<>();
		load.onComplete(new CompletionContext<>(CompletionContext.Status.DISCARD, noInstance, new EmptyResponse()));
		load.onComplete(new CompletionContext<>(CompletionContext.Status.FAILED, new IllegalStateException(),
				noInstance, null));

		assertThat(load.outstanding(A)).isEqualTo(1);
	}

	@Test
	void aStaleChoiceReportedAgainEndsNothingTwice() {
		// The gateway's retry that finds no instance reports the previous try's
		// response (still in the exchange) with a new request.
		Request<Object> firstTry = new DefaultRequest<>();
		Response<ServiceInstance> choice = new DefaultResponse(A);
		load.onStartRequest(firstTry, choice);
		load.onComplete(new CompletionContext<>(CompletionContext.Status.FAILED, new IOException(), firstTry, choice));

		load.onComplete(new CompletionContext<>(CompletionContext.Status.FAILED, new IllegalStateException(),
				new DefaultRequest<>(), choice));

		assertThat(load.outstanding(A)).isZero();
	}

	@Test
	void theBlockingClientsCopyOfTheResponseIsMatchedByItsRequest() {
		// BlockingLoadBalancerClient passes one DefaultResponse to onStartRequest and
		// another to onComplete; the request is the same.
		Request<Object> call = new DefaultRequest<>();
		load.onStartRequest(call, new DefaultResponse(A));

		load.onComplete(new CompletionContext<>(CompletionContext.Status.SUCCESS, call, new DefaultResponse(A)));

		assertThat(load.outstanding(A)).isZero();
	}

	@Test
	void aCancelledRequestEndsThroughAbandonOnce() {
		Request<Object> cancelled = new DefaultRequest<>();
		Response<ServiceInstance> choice = new DefaultResponse(A);
		load.onStartRequest(cancelled, choice);

		load.abandon(choice);
		load.abandon(choice);
		load.onComplete(new CompletionContext<>(CompletionContext.Status.SUCCESS, cancelled, choice));

		assertThat(load.outstanding(A)).isZero();
	}

	@Test
	void concurrentRequestsAllEnd() throws Exception {
		try (var threads = Executors.newFixedThreadPool(8)) {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				done.add(threads.submit(() -> {
					Request<Object> request = new DefaultRequest<>();
					Response<ServiceInstance> choice = new DefaultResponse(A);
					load.onStartRequest(request, choice);
					switch (ThreadLocalRandom.current().nextInt(3)) {
						case 0 ->
							load.onComplete(new CompletionContext<>(CompletionContext.Status.SUCCESS, request, choice));
						case 1 -> load.onComplete(new CompletionContext<>(CompletionContext.Status.FAILED,
								new IOException(), request, choice));
						default -> load.abandon(choice);
					}
				}));
			}
			for (var task : done) {
				task.get();
			}
		}
		assertThat(load.outstanding(A)).isZero();
	}

	@Test
	void aFastFailureDoesNotMakeAnInstanceLookFast() {
		answer(A, 50, HttpStatus.OK);
		double before = load.cost(A);

		now.addAndGet(1_000_000);
		answer(A, 1, HttpStatus.INTERNAL_SERVER_ERROR);

		assertThat(load.cost(A)).isGreaterThanOrEqualTo(before * 0.99);
	}

	@Test
	void theServicesTypicalLatencyIsKnownOnlyFromRecentAnswers() {
		assertThat(load.typicalLatency("inventory-service")).as("before any answer").isEmpty();

		answer(A, 50, HttpStatus.OK);
		answer(B, 20, HttpStatus.OK);
		assertThat(load.typicalLatency("inventory-service")).contains(Duration.ofMillis(20));

		// B stops, A goes on answering: A's average is what the service takes now.
		now.addAndGet(InstanceLoad.RECENT.toNanos());
		answer(A, 50, HttpStatus.OK);
		assertThat(load.typicalLatency("inventory-service")).contains(Duration.ofMillis(50));

		// Both away (down, restarted at the same addresses): failures tell nothing.
		now.addAndGet(InstanceLoad.RECENT.toNanos());
		fail(A);
		fail(B);
		assertThat(load.typicalLatency("inventory-service")).as("no answer for a while").isEmpty();
	}

	@Test
	void aServiceIsKnownByItsIdInAnyCase() {
		// Eureka's instances carry the application name in capitals; routes name the
		// service in lower case.
		answer(new DefaultServiceInstance("c", "INVENTORY-SERVICE", "127.0.0.1", 1003, false), 30, HttpStatus.OK);

		assertThat(load.typicalLatency("inventory-service")).contains(Duration.ofMillis(30));
	}

	private void fail(ServiceInstance instance) {
		Request<Object> request = new DefaultRequest<>();
		Response<ServiceInstance> choice = new DefaultResponse(instance);
		load.onStartRequest(request, choice);
		now.addAndGet(1_000_000);
		load.onComplete(
				new CompletionContext<>(CompletionContext.Status.FAILED, new IOException("refused"), request, choice));
	}

	private void answer(ServiceInstance instance, long millis, HttpStatus status) {
		Request<Object> request = new DefaultRequest<>();
		Response<ServiceInstance> choice = new DefaultResponse(instance);
		load.onStartRequest(request, choice);
		now.addAndGet(millis * 1_000_000);
		load.onComplete(new CompletionContext<>(CompletionContext.Status.SUCCESS, request, choice,
				new ResponseData(status, new HttpHeaders(), new LinkedMultiValueMap<>(), null)));
	}

}
