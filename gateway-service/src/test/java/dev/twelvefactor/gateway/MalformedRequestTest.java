package dev.twelvefactor.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code %00} in the path, sent over a raw socket: the gateway answers problem+json
 * itself (no route: 404; a route whose service is away: 503), and forwards it otherwise,
 * where the service's Tomcat answers 400 problem+json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false",
				"spring.config.import=file:../config-repo/application.yml,file:../config-repo/gateway-service.yml",
				"management.server.port=0" })
class MalformedRequestTest {

	@Autowired
	Environment environment;

	@ParameterizedTest
	@ValueSource(strings = { "GET /x%00 HTTP/1.1", "GET /api/orders/x%00 HTTP/1.1" })
	void aNulInThePathGetsAProblem(String requestLine) throws IOException {
		try (Socket socket = new Socket("127.0.0.1",
				environment.getRequiredProperty("local.server.port", Integer.class))) {
			socket.setSoTimeout(10000);
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(raw).containsIgnoringCase("content-type: application/problem+json");
		}
	}

}
