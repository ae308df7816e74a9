package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static dev.twelvefactor.system.SharedPlatform.alive;
import static dev.twelvefactor.system.SecurityIT.assertRefused;
import static dev.twelvefactor.system.SecurityIT.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a caller can reach and how much of it: every port on loopback only, the gateway's
 * rate limit per caller, its headers and CORS.
 */
@ExtendWith(SharedPlatform.class)
class ExposureIT {

	/**
	 * A listening socket's address in /proc/net/tcp{,6}: 127.0.0.1, ::1,
	 * ::ffff:127.0.0.1.
	 */
	static final List<String> LOOPBACK = List.of("0100007F", "00000000000000000000000001000000",
			"0000000000000000FFFF00000100007F");

	@Test
	void everyPortThePlatformOpensListensOnLoopbackOnly(LocalPlatform platform) throws IOException {
		List<Integer> ports = new ArrayList<>(List.of(platform.postgresPort()));
		for (Service service : Service.values()) {
			for (ServiceInstance instance : alive(platform, service)) {
				ports.add(instance.port());
				ports.add(instance.managementPort());
			}
		}
		platform.prometheusUrl().ifPresent(url -> ports.add(URI.create(url).getPort()));
		platform.pushgatewayUrl().ifPresent(url -> ports.add(URI.create(url).getPort()));

		Map<Integer, List<String>> listening = listeningAddresses();
		for (int port : ports) {
			assertThat(listening.get(port)).as("addresses listening on port " + port)
				.isNotEmpty()
				.allSatisfy(address -> assertThat(LOOPBACK).contains(address));
		}
	}

	@Test
	void aBurstOverTheLimitIsRefusedWith429AndRetryAfterWhileOtherCallersAreServed(LocalPlatform platform)
			throws Exception {
		ForgedTokens tokens = SecurityIT.forgedTokens(platform);
		// A caller of its own, so no other test's traffic counts against it; on a route
		// whose service answers from memory, so that the requests let through outrun the
		// refill (100 a second) even on a slow machine: the limit is per caller and
		// route.
		String greedy = tokens.bearer("greedy-" + UUID.randomUUID(), SecurityIT.ORDER_SCOPES);
		Http gateway = new Http(platform.gatewayUrl(), () -> greedy);
		List<HttpResponse<String>> refused = new ArrayList<>();
		// Bursts of 16 at once: over the rate, within the route's concurrency limit (at
		// least 20 per instance), which refuses a caller's excess concurrency with 503 of
		// its own (OverloadIT); what is tested here is the rate limit.
		for (int burst = 0; burst < 100 && refused.size() < 100; burst++) {
			for (HttpResponse<String> answer : concurrently(16,
					() -> gateway.get("/.well-known/openid-configuration"))) {
				assertThat(answer.statusCode()).as(answer.body()).isIn(200, 429);
				if (answer.statusCode() == 429) {
					refused.add(answer);
				}
			}
		}
		assertThat(refused).as("answers 429").hasSizeGreaterThanOrEqualTo(100);
		HttpResponse<String> first = refused.getFirst();
		assertRefused(first, 429);
		assertThat(first.headers().firstValue("Retry-After"))
			.hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isPositive());

		// Another caller, meanwhile, is served; and the refusals never touched the
		// breaker.
		assertThat(Callers.gateway(platform).get("/api/orders?size=1").statusCode()).isEqualTo(200);
		String metrics = Callers
			.basic(platform.instance(Service.GATEWAY).managementUrl(), platform.secrets().monitoring())
			.get("/actuator/prometheus")
			.body();
		assertThat(metrics.lines()
			.filter(line -> line.startsWith("resilience4j_circuitbreaker_state{")
					&& line.contains("name=\"auth-service\"") && line.contains("state=\"closed\"")))
			.singleElement()
			.satisfies(line -> assertThat(line).endsWith(" 1.0"));
		assertThat(metrics.lines()
			.filter(line -> line.startsWith("gateway_refusals_total{") && line.contains("status=\"429\"")))
			.isNotEmpty();
	}

	@Test
	void apiAnswersAreNeitherSniffedNorStoredAndForeignOriginsAreRefused(LocalPlatform platform) {
		HttpResponse<String> orders = Callers.gateway(platform).get("/api/orders?size=1");
		assertThat(orders.statusCode()).isEqualTo(200);
		assertThat(orders.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(orders.headers().allValues("Cache-Control"))
			.anySatisfy(value -> assertThat(value).contains("no-store"));

		HttpResponse<String> preflight = new Http(platform.gatewayUrl())
			.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/orders"))
				.header("Origin", "http://evil.example")
				.header("Access-Control-Request-Method", "POST")
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
		assertThat(preflight.statusCode()).isEqualTo(403);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	/**
	 * Port → the local addresses of the sockets listening on it (state 0A), IPv4 and
	 * IPv6.
	 */
	static Map<Integer, List<String>> listeningAddresses() throws IOException {
		Map<Integer, List<String>> listening = new TreeMap<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
				String[] fields = line.trim().split("\\s+");
				if (!"0A".equals(fields[3])) {
					continue;
				}
				String[] local = fields[1].split(":");
				listening.computeIfAbsent(Integer.parseInt(local[1], 16), port -> new ArrayList<>()).add(local[0]);
			}
		}
		return listening;
	}

}
