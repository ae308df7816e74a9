package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.launcher.secrets.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.twelvefactor.system.SharedPlatform.alive;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hole the platform had before it had security, tried again against the running
 * platform: each one now refused. The rate limit and the exposure of ports are in
 * {@link ExposureIT}.
 */
@ExtendWith(SharedPlatform.class)
class SecurityIT {

	static final String ONE_KEYBOARD = "{\"lines\":[{\"sku\":\"KB-001\",\"quantity\":1}]}";

	static final List<String> ORDER_SCOPES = List.of("orders.read", "orders.write");

	@Test
	void ordersNeedATokenWithTheirScopeWhileTheCatalogueStaysOpen(LocalPlatform platform) {
		Http anonymous = new Http(platform.gatewayUrl());
		HttpResponse<String> list = anonymous.get("/api/orders");
		assertRefused(list, 401);
		assertThat(list.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
		assertRefused(anonymous.post("/api/orders/" + UUID.randomUUID() + "/cancel", ""), 401);
		assertRefused(anonymous.placeOrder(ONE_KEYBOARD), 401);
		assertThat(anonymous.get("/api/inventory/products/KB-001").statusCode()).isEqualTo(200);

		ForgedTokens tokens = forgedTokens(platform);
		Http readOnly = new Http(platform.gatewayUrl(), () -> tokens.bearer("reader", List.of("orders.read")));
		assertThat(readOnly.get("/api/orders").statusCode()).isEqualTo(200);
		HttpResponse<String> placed = readOnly.placeOrder(ONE_KEYBOARD);
		assertRefused(placed, 403);
		assertThat(placed.body()).contains("orders.write");
	}

	@Test
	void expiredForeignAndMisaddressedTokensAreRefusedByTheGatewayAndByEachService(LocalPlatform platform) {
		ForgedTokens tokens = forgedTokens(platform);
		String subject = "forger-" + UUID.randomUUID();
		Date anHourAgo = new Date(System.currentTimeMillis() - 3_600_000);
		List<String> refused = List.of(
				tokens.bearer(subject, ORDER_SCOPES, claims -> claims.expirationTime(anHourAgo).issueTime(anHourAgo)),
				tokens.bearer(subject, ORDER_SCOPES, claims -> claims.issuer("http://127.0.0.1:1")),
				tokens.bearer(subject, ORDER_SCOPES, claims -> claims.audience("another-api")),
				tokens.withAnotherKey().bearer(subject, ORDER_SCOPES), "Bearer not-a-jwt");
		// A token that is sent is checked, also where none is needed (the catalogue).
		Map<String, String> checked = Map.of(platform.gatewayUrl(), "/api/orders",
				platform.instance(Service.ORDER).url(), "/api/orders", platform.instance(Service.INVENTORY).url(),
				"/api/inventory/products/KB-001");
		for (var target : checked.entrySet()) {
			String baseUrl = target.getKey();
			// The same claims with nothing changed pass: each refusal is about its claim.
			assertThat(
					new Http(baseUrl, () -> tokens.bearer(subject, ORDER_SCOPES)).get(target.getValue()).statusCode())
				.as(baseUrl)
				.isEqualTo(200);
			for (String token : refused) {
				HttpResponse<String> answer = new Http(baseUrl, () -> token).get(target.getValue());
				assertRefused(answer, 401);
				assertThat(answer.headers().firstValue("WWW-Authenticate"))
					.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
			}
		}
	}

	@Test
	void anOrderIsItsOwnersAlone(LocalPlatform platform) {
		Http owner = Callers.as(platform, Client.PLATFORM_CLI);
		Http stranger = Callers.as(platform, Client.LOAD_GENERATOR);
		String key = UUID.randomUUID().toString();
		HttpResponse<String> placed = owner.placeOrder(key, ONE_KEYBOARD);
		assertThat(placed.statusCode()).as(placed.body()).isIn(201, 202);
		String location = placed.headers().firstValue("Location").orElseThrow();
		String path = URI.create(location).getPath();
		String id = path.substring(path.lastIndexOf('/') + 1);

		assertRefused(stranger.get(path), 404);
		assertRefused(stranger.post(path + "/cancel", ""), 404);
		assertThat(stranger.get("/api/orders?size=100").body()).doesNotContain(id);
		assertThat(owner.get(path).statusCode()).isEqualTo(200);
		assertThat(owner.get("/api/orders?size=100").body()).contains(id);

		// The same Idempotency-Key from another caller is another caller's order.
		HttpResponse<String> theirs = stranger.placeOrder(key, ONE_KEYBOARD);
		assertThat(theirs.statusCode()).as(theirs.body()).isIn(201, 202);
		assertThat(theirs.headers().firstValue("Location")).isPresent().get().isNotEqualTo(location);
	}

	@Test
	void servicesRefuseCallsThatBypassTheGateway(LocalPlatform platform) {
		ServiceInstance order = platform.instance(Service.ORDER);
		ServiceInstance inventory = platform.instance(Service.INVENTORY);
		assertRefused(new Http(order.url()).get("/api/orders"), 401);
		String reservation = "{\"orderId\":\"" + UUID.randomUUID()
				+ "\",\"lines\":[{\"sku\":\"KB-001\",\"quantity\":1}]}";
		assertRefused(new Http(inventory.url()).post("/internal/reservations", reservation), 401);
		// A customer's token is not order-service's: only its own client has
		// inventory.reserve.
		Http customer = new Http(inventory.url(),
				() -> "Bearer " + Callers.tokens(platform, Client.PLATFORM_CLI).accessToken());
		assertRefused(customer.post("/internal/reservations", reservation), 403);
		// Nor does the gateway route there at all.
		assertThat(Callers.gateway(platform).post("/internal/reservations", reservation).statusCode()).isIn(401, 403,
				404);
	}

	@Test
	void eurekaRefusesStrangersAndStillListsTheRealInstances(LocalPlatform platform) {
		String eureka = platform.eurekaUrl().replaceAll("/eureka/$", "");
		Http anonymous = new Http(eureka);
		Http withCredentials = Callers.basic(eureka, platform.secrets().eureka());
		String fake = """
				{"instance":{"instanceId":"evil:order-service:6666","hostName":"127.0.0.1","app":"ORDER-SERVICE",
				"ipAddr":"127.0.0.1","status":"UP","port":{"$":6666,"@enabled":"true"},
				"dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
				""";
		assertRefused(anonymous.post("/eureka/apps/ORDER-SERVICE", fake), 401);
		String instanceId = "127.0.0.1:order-service:" + platform.instance(Service.ORDER).port();
		assertRefused(anonymous.send(HttpRequest
			.newBuilder(
					URI.create(eureka + "/eureka/apps/ORDER-SERVICE/" + instanceId + "/status?value=OUT_OF_SERVICE"))
			.PUT(HttpRequest.BodyPublishers.noBody())), 401);
		assertRefused(anonymous.send(
				HttpRequest.newBuilder(URI.create(eureka + "/eureka/apps/ORDER-SERVICE/" + instanceId)).DELETE()), 401);
		assertRefused(anonymous.get("/eureka/apps"), 401);
		assertRefused(anonymous.get("/"), 401);

		assertThat(withCredentials.get("/").statusCode()).isEqualTo(200);
		String registered = withCredentials
			.send(HttpRequest.newBuilder(URI.create(eureka + "/eureka/apps/ORDER-SERVICE"))
				.header("Accept", "application/json")
				.GET())
			.body();
		assertThat(registered).contains(instanceId).doesNotContain("evil").doesNotContain("OUT_OF_SERVICE");
	}

	@Test
	void configServiceAndEveryActuatorNeedCredentials(LocalPlatform platform) {
		String configUrl = platform.configUrl();
		assertRefused(new Http(configUrl).get("/order-service/default"), 401);
		Http config = Callers.basic(configUrl, platform.secrets().config());
		assertThat(config.get("/order-service/default").statusCode()).isEqualTo(200);
		assertRefused(config.post("/encrypt", "x"), 403);

		for (Service service : Service.values()) {
			for (ServiceInstance instance : alive(platform, service)) {
				String management = instance.managementUrl();
				HttpResponse<String> readiness = new Http(management).get("/actuator/health/readiness");
				assertThat(readiness.statusCode()).as(instance.name()).isEqualTo(200);
				assertThat(readiness.body()).as(instance.name()).doesNotContain("components");
				assertRefused(new Http(management).get("/actuator/prometheus"), 401);
				Http monitoring = Callers.basic(management, platform.secrets().monitoring());
				assertThat(monitoring.get("/actuator/prometheus").statusCode()).as(instance.name()).isEqualTo(200);
				if (service.importsConfig()) {
					// Live configuration (factor III) is for admin alone.
					assertRefused(new Http(management).post("/actuator/refresh", ""), 401);
					assertRefused(monitoring.post("/actuator/refresh", ""), 403);
				}
			}
		}
	}

	@Test
	void prometheusCannotBeStoppedOverHttp(LocalPlatform platform) {
		if (platform.prometheusUrl().isEmpty()) {
			Tools.requireInCi("prometheus and prometheus-pushgateway (Debian packages)");
		}
		String prometheus = platform.prometheusUrl().orElseThrow();
		assertThat(new Http(prometheus).post("/-/quit", "").statusCode()).isNotEqualTo(200);
		assertThat(new Http(prometheus).get("/-/ready").statusCode()).isEqualTo(200);
	}

	/** Sends {@code count} requests at once and returns the answers. */
	static List<HttpResponse<String>> concurrently(int count, Callable<HttpResponse<String>> request) throws Exception {
		List<HttpResponse<String>> answers = new ArrayList<>();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(executor.submit(request));
			}
			for (Future<HttpResponse<String>> future : futures) {
				answers.add(future.get());
			}
		}
		return answers;
	}

	static void assertRefused(HttpResponse<String> answer, int status) {
		assertThat(answer.statusCode()).as(answer.uri() + " " + answer.body()).isEqualTo(status);
		assertThat(answer.headers().firstValue("Content-Type")).as(answer.uri().toString())
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(answer.body()).contains("\"status\":" + status).contains("\"detail\"");
	}

	static ForgedTokens forgedTokens(LocalPlatform platform) {
		return ForgedTokens.signedWith(platform.secrets().signingKey(), platform.gatewayUrl());
	}

}
