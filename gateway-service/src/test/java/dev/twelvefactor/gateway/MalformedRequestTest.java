package dev.twelvefactor.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed requests, sent over a raw socket. A {@code %00} in the path: Spring
 * Security's firewall refuses it before any route, with a 400 problem+json. A request
 * Reactor Netty cannot decode: 400 (or 431) problem+json from the gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false",
				"spring.config.import=file:../config-repo/application.yml,file:../config-repo/gateway-service.yml",
				"management.server.port=0" })
class MalformedRequestTest {

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void security(DynamicPropertyRegistry registry) {
		TestTokens.register(registry);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /x%00 HTTP/1.1", "GET /api/orders/x%00 HTTP/1.1" })
	void aNulInThePathGetsAProblem(String requestLine) throws IOException {
		assertThat(send(requestLine)).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("content-type: application/problem+json")
			.containsIgnoringCase("x-content-type-options: nosniff")
			.contains("\"detail\":\"The request was refused");
	}

	/**
	 * Refused by Reactor Netty before WebFlux sees them, still problem+json with a
	 * detail.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "GET /x%zz HTTP/1.1", "GET /x{y} HTTP/1.1", "GET /x HTTP/1.1 extra", "NOT-HTTP" })
	void aRequestThatIsNotHttpGetsAProblem(String requestLine) throws IOException {
		String answer = send(requestLine);
		assertThat(answer).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("content-type: application/problem+json")
			.containsIgnoringCase("cache-control: no-store")
			.containsIgnoringCase("x-content-type-options: nosniff")
			.contains("\"status\":400")
			.contains("\"detail\":\"The request could not be read as HTTP");
	}

	@Test
	void headersTooLargeGetAProblem() throws IOException {
		String answer = send("GET /x HTTP/1.1\r\nX-Big: " + "a".repeat(20_000));
		assertThat(answer).startsWith("HTTP/1.1 431")
			.containsIgnoringCase("content-type: application/problem+json")
			.contains("\"detail\":\"The request's headers are larger");
	}

	private String send(String requestLine) throws IOException {
		try (Socket socket = new Socket("127.0.0.1",
				environment.getRequiredProperty("local.server.port", Integer.class))) {
			socket.setSoTimeout(10000);
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
