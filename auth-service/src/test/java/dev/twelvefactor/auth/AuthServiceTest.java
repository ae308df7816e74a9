package dev.twelvefactor.auth;

import dev.twelvefactor.auth.signing.TestSigningKeys;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * auth-service on a random port with the very settings config-service would serve
 * (config-repo's files, read directly), the environment's secrets as test values, and a
 * signing key generated for the test run. Discovery and the config client are off. The
 * tests call it over HTTP, as the gateway and the services do, and never follow redirects
 * themselves: where a redirect points is part of what they check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false",
				"spring.config.import=file:../config-repo/application.yml,file:../config-repo/auth-service.yml",
				"management.server.port=0", "CONFIG_PASSWORD=test-config", "EUREKA_PASSWORD=test-eureka",
				"MONITORING_PASSWORD=test-monitoring", "ADMIN_PASSWORD=test-admin",
				"ORDER_SERVICE_CLIENT_SECRET=" + AuthServiceTest.ORDER_SERVICE_SECRET,
				"PLATFORM_CLI_CLIENT_SECRET=test-platform-cli-secret",
				"LOAD_GENERATOR_CLIENT_SECRET=test-load-generator-secret",
				"DEMO_USER_PASSWORD=" + AuthServiceTest.DEMO_PASSWORD, "PUBLIC_URL=" + AuthServiceTest.PUBLIC_URL,
				"AUTH_URL=http://127.0.0.1:1", "logging.structured.format.console=" })
public abstract class AuthServiceTest {

	/**
	 * The gateway's address, which is not where the tests call: the issuer must be this
	 * whatever address a token was fetched on.
	 */
	public static final String PUBLIC_URL = "https://platform.example.test:8443";

	public static final String ORDER_SERVICE_SECRET = "test-order-service-secret";

	public static final String DEMO_PASSWORD = "test-demo-password";

	/** One key per test JVM, so every test class shares one cached context. */
	protected static final Path SIGNING_KEY = signingKey();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	/** Keeps cookies (the login session), follows no redirect. */
	protected final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@DynamicPropertySource
	static void signingKey(DynamicPropertyRegistry registry) {
		registry.add("AUTH_SIGNING_KEY_PATH", SIGNING_KEY::toString);
	}

	private static Path signingKey() {
		try {
			Path file = Files.createTempFile("auth-service-test-", ".pem");
			file.toFile().deleteOnExit();
			return TestSigningKeys.writeRsaKey(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The address the tests call: auth-service itself, as AUTH_URL names it. */
	protected String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	protected HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url(path)));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.GET().build());
	}

	protected HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded");
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
	}

	protected HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** The media type of the answer, without parameters (charset). */
	protected static String mediaType(HttpResponse<String> response) {
		return response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "");
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body());
	}

}
