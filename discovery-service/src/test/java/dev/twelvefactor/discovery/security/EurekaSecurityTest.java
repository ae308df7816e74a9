package dev.twelvefactor.discovery.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Every registry operation a Eureka client performs, and the dashboard, need the user
 * eureka; without it they get a 401 problem with a Basic challenge.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "EUREKA_EMPTY_REGISTRY_WAIT_MS=0", "management.server.port=0", "EUREKA_PASSWORD=eureka-secret",
				"MONITORING_PASSWORD=monitoring-secret", "ADMIN_PASSWORD=admin-secret" })
@AutoConfigureRestTestClient
class EurekaSecurityTest {

	private static final String INSTANCE = """
			{"instance": {"instanceId": "127.0.0.1:%1$s:8081", "hostName": "127.0.0.1", "app": "%1$s",
			  "ipAddr": "127.0.0.1", "status": "UP", "port": {"$": 8081, "@enabled": "true"},
			  "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}
			""";

	@Autowired
	RestTestClient http;

	@Autowired
	Environment environment;

	RestTestClient management;

	@BeforeEach
	void managementClient() {
		management = RestTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + environment.getRequiredProperty("local.management.port"))
			.build();
	}

	@Test
	void anonymousRegistrationIsRefused() {
		http.post()
			.uri("/eureka/apps/INTRUDER")
			.contentType(MediaType.APPLICATION_JSON)
			.body(INSTANCE.formatted("INTRUDER"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"eureka\"")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.instance")
			.isEqualTo("/eureka/apps/INTRUDER");
		http.get()
			.uri("/eureka/apps/INTRUDER")
			.headers(this::eureka)
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void aClientWithTheCredentialsRegistersChangesStatusAndLeaves() {
		http.post()
			.uri("/eureka/apps/ORDER-SERVICE")
			.headers(this::eureka)
			.contentType(MediaType.APPLICATION_JSON)
			.body(INSTANCE.formatted("ORDER-SERVICE"))
			.exchange()
			.expectStatus()
			.isNoContent();

		String instance = "/eureka/apps/ORDER-SERVICE/127.0.0.1:ORDER-SERVICE:8081";
		http.put().uri(instance + "/status?value=OUT_OF_SERVICE").exchange().expectStatus().isUnauthorized();
		http.put()
			.uri(instance + "/status?value=OUT_OF_SERVICE")
			.headers(this::eureka)
			.exchange()
			.expectStatus()
			.isOk();
		http.put().uri(instance + "?status=UP").exchange().expectStatus().isUnauthorized();
		http.get().uri("/eureka/apps").accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isUnauthorized();
		http.get()
			.uri("/eureka/apps/ORDER-SERVICE")
			.headers(this::eureka)
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.application.instance[0].status")
			.isEqualTo("OUT_OF_SERVICE");
		http.delete().uri(instance).exchange().expectStatus().isUnauthorized();
		http.delete().uri(instance).headers(this::eureka).exchange().expectStatus().isOk();
	}

	@Test
	void aWrongPasswordIsRefused() {
		http.get()
			.uri("/eureka/apps")
			.headers(headers -> headers.setBasicAuth("eureka", "guessed"))
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The user name or password is not right.");
	}

	@Test
	void theDashboardNeedsTheCredentialsToo() {
		http.get().uri("/").exchange().expectStatus().isUnauthorized();
		http.get().uri("/").headers(this::eureka).exchange().expectStatus().isOk();
	}

	@Test
	void eachPortHasItsOwnUsers() {
		http.get()
			.uri("/eureka/apps")
			.headers(headers -> headers.setBasicAuth("admin", "admin-secret"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		management.get().uri("/actuator/prometheus").headers(this::eureka).exchange().expectStatus().isUnauthorized();
		management.get()
			.uri("/actuator/prometheus")
			.headers(headers -> headers.setBasicAuth("monitoring", "monitoring-secret"))
			.exchange()
			.expectStatus()
			.isOk();
		management.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components")
			.doesNotExist();
	}

	private void eureka(HttpHeaders headers) {
		headers.setBasicAuth("eureka", "eureka-secret");
	}

}
