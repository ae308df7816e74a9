package dev.twelvefactor.config.refresh;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.twelvefactor.support.admin.AdminTask;
import dev.twelvefactor.support.security.PlatformSecurityProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.netflix.eureka.EurekaClientConfigBean;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * refresh-all against a stand-in that is both the Eureka server (user eureka) and an
 * instance's management port (user admin), each refusing requests without its
 * credentials.
 */
class RefreshAllTaskTest {

	HttpServer server;

	final List<String> refreshedBy = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/eureka/apps", exchange -> {
			if (!basic("eureka", "eureka-secret").equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				answer(exchange, 401, "");
				return;
			}
			answer(exchange, 200, """
					{"applications": {"application": [
					  {"name": "CONFIG-SERVICE", "instance": {"instanceId": "config", "ipAddr": "127.0.0.1",
					    "metadata": {"management.port": "1"}}},
					  {"name": "ORDER-SERVICE", "instance": {"instanceId": "order", "ipAddr": "127.0.0.1",
					    "metadata": {"management.port": "%d"}}}]}}
					""".formatted(server.getAddress().getPort()));
		});
		server.createContext("/actuator/refresh", exchange -> {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			refreshedBy.add(String.valueOf(authorization));
			answer(exchange, basic("admin", "admin-secret").equals(authorization) ? 200 : 401, "[]");
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void refreshesAsAdminAfterReadingTheRegistryAsEureka() {
		int exitCode = task("http://eureka:eureka-secret@127.0.0.1:%d/eureka/", "admin-secret").run(List.of());

		assertThat(exitCode).isEqualTo(AdminTask.OK);
		assertThat(refreshedBy).containsExactly(basic("admin", "admin-secret"));
	}

	@Test
	void aWrongAdminPasswordFailsTheRun() {
		int exitCode = task("http://eureka:eureka-secret@127.0.0.1:%d/eureka/", "guessed").run(List.of());

		assertThat(exitCode).isEqualTo(AdminTask.FAILED);
	}

	@Test
	void withoutTheEurekaCredentialsItSaysWhatIsMissing() {
		assertThatThrownBy(() -> task("http://127.0.0.1:%d/eureka/", "admin-secret").run(List.of()))
			.hasMessageContaining("answered 401")
			.hasMessageContaining("EUREKA_URL");
	}

	@Test
	void withoutAnAdminPasswordItDoesNotStart() {
		assertThatThrownBy(() -> task("http://eureka:eureka-secret@127.0.0.1:%d/eureka/", null).run(List.of()))
			.hasMessageContaining("ADMIN_PASSWORD");
		assertThat(refreshedBy).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private RefreshAllTask task(String eurekaUrl, String adminPassword) {
		EurekaClientConfigBean client = new EurekaClientConfigBean();
		client.setServiceUrl(
				Map.of(EurekaClientConfigBean.DEFAULT_ZONE, eurekaUrl.formatted(server.getAddress().getPort())));
		EurekaInstanceConfigBean instance = mock(EurekaInstanceConfigBean.class);
		given(instance.getAppname()).willReturn("config-service");
		ObjectProvider<EurekaClientConfigBean> clients = mock(ObjectProvider.class);
		given(clients.getObject()).willReturn(client);
		ObjectProvider<EurekaInstanceConfigBean> instances = mock(ObjectProvider.class);
		given(instances.getObject()).willReturn(instance);
		return new RefreshAllTask(clients, instances, new PlatformSecurityProperties("m", adminPassword),
				JsonMapper.shared());
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

}
