package dev.twelvefactor.config.refresh;

import dev.twelvefactor.support.admin.AdminTask;
import dev.twelvefactor.support.security.PlatformSecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.netflix.eureka.EurekaClientConfigBean;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code admin refresh-all}: makes every running instance apply the current configuration
 * without a restart (factor III), with Spring Cloud's own machinery:
 * {@code POST /actuator/refresh} on each instance Eureka lists, at its management port.
 * One mechanism everywhere: the launcher, compose and a Kubernetes Job all run this task.
 * Exit code 1 when an instance could not be refreshed.
 * <p>
 * Both calls are authenticated with HTTP Basic: the registry with the credentials in
 * EUREKA_URL's user info (as the Eureka client sends them), refresh as the user
 * {@code admin} (ADMIN_PASSWORD), the only one the actuator lets refresh. An admin
 * process has no web server and so no actuator security to bind the admin password; this
 * task binds it itself.
 */
@Component
@EnableConfigurationProperties(PlatformSecurityProperties.class)
class RefreshAllTask implements AdminTask {

	private final ObjectProvider<EurekaClientConfigBean> eurekaClient;

	private final ObjectProvider<EurekaInstanceConfigBean> eurekaInstance;

	private final PlatformSecurityProperties security;

	private final JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * Eureka's settings as the Eureka client bound them; asked for only when the task
	 * runs (tests run without).
	 */
	RefreshAllTask(ObjectProvider<EurekaClientConfigBean> eurekaClient,
			ObjectProvider<EurekaInstanceConfigBean> eurekaInstance, PlatformSecurityProperties security,
			JsonMapper json) {
		this.eurekaClient = eurekaClient;
		this.eurekaInstance = eurekaInstance;
		this.security = security;
		this.json = json;
	}

	@Override
	public String name() {
		return "refresh-all";
	}

	@Override
	public String usage() {
		return "  POST /actuator/refresh on every instance registered in Eureka";
	}

	@Override
	public int run(List<String> arguments) {
		String admin = basic("admin:" + security.requiredAdminPassword());
		List<String> failed = new ArrayList<>();
		int refreshed = 0;
		String self = eurekaInstance.getObject().getAppname();
		for (JsonNode application : applications(URI.create(eurekaUrl()))) {
			if (application.path("name").asString().equalsIgnoreCase(self)) {
				// config-service serves the configuration; it has none of its own to
				// refresh
				continue;
			}
			for (JsonNode instance : asList(application.path("instance"))) {
				String target = "http://" + instance.path("ipAddr").asString() + ":"
						+ instance.path("metadata").path("management.port").asString() + "/actuator/refresh";
				String name = instance.path("instanceId").asString();
				int status = post(target, admin);
				if (status == 200) {
					refreshed++;
					System.out.println("refreshed " + name);
				}
				else {
					failed.add(name + " (" + (status < 0 ? "unreachable" : "HTTP " + status) + ")");
				}
			}
		}
		System.out.printf("%d instances refreshed, %d failed%s%n", refreshed, failed.size(),
				failed.isEmpty() ? "" : ": " + String.join(", ", failed));
		return failed.isEmpty() ? OK : FAILED;
	}

	private String eurekaUrl() {
		String url = eurekaClient.getObject()
			.getEurekaServerServiceUrls(EurekaClientConfigBean.DEFAULT_ZONE)
			.getFirst();
		return url.endsWith("/") ? url : url + "/";
	}

	private List<JsonNode> applications(URI eurekaUrl) {
		// Java's HTTP client ignores user info: the credentials go into the header, and
		// out of the address that error messages show.
		URI registry = UriComponentsBuilder.fromUri(eurekaUrl).userInfo(null).build(true).toUri();
		HttpRequest.Builder request = HttpRequest.newBuilder(registry.resolve("apps"))
			.header(HttpHeaders.ACCEPT, "application/json")
			.timeout(Duration.ofSeconds(5))
			.GET();
		if (eurekaUrl.getUserInfo() != null) {
			request.header(HttpHeaders.AUTHORIZATION, basic(eurekaUrl.getUserInfo()));
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Eureka at " + registry + " answered " + response.statusCode()
						+ (response.statusCode() == 401 ? " (EUREKA_URL needs the user eureka and its password)" : ""));
			}
			return asList(json.readTree(response.body()).path("applications").path("application"));
		}
		catch (IOException e) {
			throw new IllegalStateException("Eureka at " + registry + " is unreachable", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private int post(String url, String authorization) {
		try {
			return http
				.send(HttpRequest.newBuilder(URI.create(url))
					.header(HttpHeaders.AUTHORIZATION, authorization)
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException e) {
			return -1;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/** An Authorization header value for {@code user:password} (decoded). */
	private static String basic(String userInfo) {
		return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
	}

	/** Eureka writes a lone element as an object, several as an array. */
	private static List<JsonNode> asList(JsonNode node) {
		List<JsonNode> list = new ArrayList<>();
		if (node.isArray()) {
			node.forEach(list::add);
		}
		else if (!node.isMissingNode()) {
			list.add(node);
		}
		return list;
	}

}
