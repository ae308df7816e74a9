package dev.twelvefactor.gateway.security;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.cors.reactive.CorsWebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without configured origins (the default) no origin may call the API from a browser: the
 * CORS configuration the gateway's security uses refuses every preflight.
 */
class CorsDefaultTest {

	@Test
	void withNoConfiguredOriginEveryPreflightIsRefused() {
		CorsWebFilter cors = new CorsWebFilter(
				ApiSecurityConfiguration.corsConfiguration(new CorsProperties(List.of())));
		for (String origin : new String[] { "https://shop.example", "http://localhost:3000" }) {
			MockServerWebExchange preflight = MockServerWebExchange.from(MockServerHttpRequest.options("/api/orders")
				.header(HttpHeaders.ORIGIN, origin)
				.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"));
			cors.filter(preflight, exchange -> Mono.empty()).block();
			assertThat(preflight.getResponse().getStatusCode()).as(origin).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(preflight.getResponse().getHeaders().getAccessControlAllowOrigin()).isNull();
		}
	}

	/**
	 * Not refused (the browser keeps the page from reading the answer), and without CORS
	 * headers.
	 */
	@Test
	void aCrossOriginRequestWithoutPreflightPassesWithoutCorsHeaders() {
		CorsWebFilter cors = new CorsWebFilter(
				ApiSecurityConfiguration.corsConfiguration(new CorsProperties(List.of())));
		MockServerWebExchange request = MockServerWebExchange.from(MockServerHttpRequest.get("/api/inventory/products")
			.header(HttpHeaders.ORIGIN, "https://shop.example"));
		AtomicBoolean passed = new AtomicBoolean();
		cors.filter(request, exchange -> Mono.fromRunnable(() -> passed.set(true))).block();
		assertThat(passed).isTrue();
		assertThat(request.getResponse().getHeaders().getAccessControlAllowOrigin()).isNull();
	}

}
