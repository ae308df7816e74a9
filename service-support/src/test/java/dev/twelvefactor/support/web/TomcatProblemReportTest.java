package dev.twelvefactor.support.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real embedded Tomcat with service-support's web auto-configuration: requests Tomcat
 * rejects before Spring MVC sees them get problem+json, not Tomcat's HTML page. Sent over
 * a raw socket: HTTP clients refuse to send them.
 */
@SpringBootTest(classes = TomcatProblemReportTest.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "spring.cloud.config.enabled=false",
				"spring.cloud.discovery.enabled=false", "platform.security.monitoring-password=m",
				"platform.security.admin-password=a" })
class TomcatProblemReportTest {

	@Autowired
	Environment environment;

	@ParameterizedTest
	@ValueSource(strings = { "/x%00", "/x%2", "/x%zz", "/../x" })
	void aPathTomcatRejectsGetsAProblem(String path) throws IOException {
		RawResponse response = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.head()).containsIgnoringCase("Content-Type: application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.path("detail").asString())
			.startsWith("The request was refused before it reached the service");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /x{y} HTTP/1.1", "GET /x HTTP/1.1 extra", "GET /x HTTP/9.9" })
	void aMalformedRequestLineGetsAProblem(String requestLine) throws IOException {
		RawResponse response = send(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isIn(400, 505);
		assertThat(response.head()).containsIgnoringCase("Content-Type: application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(response.status());
		assertThat(problem.path("detail").asString()).isNotBlank();
	}

	/**
	 * Spring's own error dispatch (here: a path nothing maps) answers with the same
	 * shape.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/nothing-here" })
	void anErrorDispatchGetsAProblemToo(String path) throws IOException {
		RawResponse response = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.head()).containsIgnoringCase("Content-Type: application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.path("title").asString()).isEqualTo("Not Found");
		assertThat(problem.path("instance").asString()).isEqualTo(path);
	}

	/**
	 * Spring Security's firewall, in front of every servlet service, refuses encoded dot
	 * segments before any resource handling sees them; its 400 goes through the error
	 * dispatch too.
	 */
	@Test
	void aPathTheFirewallRefusesGetsAProblem() throws IOException {
		RawResponse response = send("GET /x%2e%2e/%2e%2e/y HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.head()).containsIgnoringCase("Content-Type: application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
	}

	@Test
	void aGoodRequestIsServedAsBefore() throws IOException {
		RawResponse response = send("GET /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ok");
	}

	private RawResponse send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1",
				environment.getRequiredProperty("local.server.port", Integer.class))) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int end = raw.indexOf("\r\n\r\n");
			String head = raw.substring(0, end);
			String body = raw.substring(end + 4);
			if (head.toLowerCase().contains("transfer-encoding: chunked")) {
				body = dechunk(body);
			}
			return new RawResponse(Integer.parseInt(head.substring(9, 12)), head, body);
		}
	}

	private static String dechunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				return body.toString();
			}
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

	record RawResponse(int status, String head, String body) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class Application {

		@GetMapping("/x")
		String x() {
			return "ok";
		}

	}

}
