package dev.twelvefactor.support.concurrency;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured filter in a real Tomcat, with management on a port of its own as in
 * every service, and a limit held at 1: the main port refuses while one request is in
 * flight (a blocking one, or an async one until it completes); the management port
 * answers all the same.
 */
@SpringBootTest(classes = ConcurrencyLimitAutoConfigurationTest.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "platform.security.monitoring-password=monitoring-secret",
				"platform.security.admin-password=admin-secret",
				"management.endpoints.web.exposure.include=health,prometheus",
				"platform.concurrency-limit.initial-limit=1", "platform.concurrency-limit.min-limit=1",
				"platform.concurrency-limit.max-limit=1", "eureka.client.enabled=false",
				"spring.cloud.config.enabled=false", "spring.cloud.discovery.enabled=false" })
class ConcurrencyLimitAutoConfigurationTest {

	static CountDownLatch release = new CountDownLatch(1);

	static CompletableFuture<String> asyncAnswer = new CompletableFuture<>();

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry registry;

	final HttpClient client = HttpClient.newHttpClient();

	RestTestClient main;

	RestTestClient management;

	@BeforeEach
	void clients() {
		release = new CountDownLatch(1);
		asyncAnswer = new CompletableFuture<>();
		// The JDK's client: Apache HttpClient (the default here) repeats a GET answered
		// 503
		// after its Retry-After, as a client should; this test counts single refusals.
		main = RestTestClient.bindToServer(new JdkClientHttpRequestFactory(client))
			.baseUrl(url("local.server.port"))
			.build();
		management = RestTestClient.bindToServer().baseUrl(url("local.management.port")).build();
	}

	@AfterEach
	void finish() {
		release.countDown();
		asyncAnswer.complete("late");
		client.close();
	}

	@Test
	void theMainPortRefusesAtTheLimitAndManagementStillAnswers() throws Exception {
		double refusedBefore = refusals();
		CompletableFuture<HttpResponse<String>> slow = sendAsync("/slow");
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge("http.server.concurrency.inflight") == 1);

		main.get()
			.uri("/x")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Service overloaded")
			.jsonPath("$.status")
			.isEqualTo(503)
			.jsonPath("$.instance")
			.isEqualTo("/x");
		management.get().uri("/actuator/health").exchange().expectStatus().isOk();
		management.get()
			.uri("/actuator/prometheus")
			.headers((headers) -> headers.setBasicAuth("monitoring", "monitoring-secret"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((text) -> assertThat(text).contains("http_server_concurrency_refusals_total",
					"http_server_concurrency_limit 1.0", "http_server_concurrency_inflight 1.0"));
		assertThat(refusals()).isEqualTo(refusedBefore + 1);

		release.countDown();
		assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> gauge("http.server.concurrency.inflight") == 0);
		main.get().uri("/x").exchange().expectStatus().isOk();
	}

	@Test
	void anAsyncRequestHoldsItsPermitUntilItCompletes() throws Exception {
		CompletableFuture<HttpResponse<String>> pending = sendAsync("/async");
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge("http.server.concurrency.inflight") == 1);

		main.get().uri("/x").exchange().expectStatus().isEqualTo(503);

		asyncAnswer.complete("done");
		HttpResponse<String> answer = pending.get(10, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("done");
		await().atMost(Duration.ofSeconds(5)).until(() -> gauge("http.server.concurrency.inflight") == 0);
		main.get().uri("/x").exchange().expectStatus().isOk();
	}

	private CompletableFuture<HttpResponse<String>> sendAsync(String path) {
		return client.sendAsync(HttpRequest.newBuilder(URI.create(url("local.server.port") + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private double gauge(String name) {
		return registry.get(name).gauge().value();
	}

	private double refusals() {
		return registry.get("http.server.concurrency.refusals").functionCounter().count();
	}

	private String url(String portProperty) {
		return "http://127.0.0.1:" + environment.getRequiredProperty(portProperty);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class Application {

		@GetMapping("/x")
		String x() {
			return "ok";
		}

		@GetMapping("/slow")
		String slow() throws InterruptedException {
			return release.await(10, TimeUnit.SECONDS) ? "released" : "timed out";
		}

		@GetMapping("/async")
		CompletableFuture<String> async() {
			return asyncAnswer;
		}

	}

}
