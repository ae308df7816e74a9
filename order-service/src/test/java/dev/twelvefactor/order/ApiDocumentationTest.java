package dev.twelvefactor.order;

import dev.twelvefactor.order.inventory.InventoryClient;
import dev.twelvefactor.testsupport.ApiDocumentation;
import dev.twelvefactor.testsupport.TestAuthServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md and the code agree: the API table lists exactly the public operations of
 * the service's OpenAPI document (springdoc, GET /api/orders/openapi, built from the
 * controllers), no more and no fewer.
 * <p>
 * The statuses in the table are not compared with the OpenAPI document: springdoc infers
 * responses from return types and {@code @ResponseStatus} only, and documents a lone
 * {@code 200} for every operation here (also for POST /api/orders, which answers 201, 202
 * or a problem built in the controller). The statuses are proven by the API tests instead
 * ({@code OrderApiTest}, {@code IdempotencyTest}, {@code CancelTest}).
 */
@AutoConfigureMockMvc
class ApiDocumentationTest extends OrderIntegrationTest {

	static final String PREFIX = "/api/orders";

	@Autowired
	MockMvcTester mvc;

	/** The same context as the other API tests (cached once per run). */
	@MockitoBean
	InventoryClient inventory;

	@Test
	void theApiTableListsExactlyTheOperationsOfTheOpenApiDocument() throws UnsupportedEncodingException {
		MvcTestResult result = mvc.get().uri(PREFIX + "/openapi").exchange();
		assertThat(result).hasStatusOk();
		ApiDocumentation.assertTableMatches(PREFIX, result.getResponse().getContentAsString());
	}

	/**
	 * What Swagger UI's "Authorize" needs: the authorization code flow at auth-service's
	 * public address (PUBLIC_URL, the issuer), and on each operation the scope its method
	 * needs, or a bearer token.
	 */
	@Test
	void theDocumentOffersSignInAtAuthServiceAndNamesEachOperationsScope() {
		String publicUrl = TestAuthServer.shared().url();

		assertThat(mvc.get().uri(PREFIX + "/openapi")).hasStatusOk().bodyJson().satisfies(document -> {
			assertThat(document).extractingPath("$.components.securitySchemes.oauth2.type").isEqualTo("oauth2");
			assertThat(document).extractingPath("$.components.securitySchemes.oauth2.flows.authorizationCode")
				.asMap()
				.containsEntry("authorizationUrl", publicUrl + "/oauth2/authorize")
				.containsEntry("tokenUrl", publicUrl + "/oauth2/token");
			assertThat(document).extractingPath("$.components.securitySchemes.oauth2.flows.authorizationCode.scopes")
				.asMap()
				.containsOnlyKeys("orders.read", "orders.write");
			assertThat(document).extractingPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer");
			assertThat(document).extractingPath("$.paths['/api/orders'].get.security")
				.isEqualTo(List.of(Map.of("oauth2", List.of("orders.read")), Map.of("bearer", List.of())));
			assertThat(document).extractingPath("$.paths['/api/orders'].post.security")
				.isEqualTo(List.of(Map.of("oauth2", List.of("orders.write")), Map.of("bearer", List.of())));
			assertThat(document).extractingPath("$.paths['/api/orders/{id}/cancel'].post.security[0].oauth2")
				.isEqualTo(List.of("orders.write"));
			assertThat(document).extractingPath("$.paths['/api/orders/{id}'].get.security[0].oauth2")
				.isEqualTo(List.of("orders.read"));
		});
	}

	@Test
	void theCallersTokenIsNoParameterOfAnyOperation() throws UnsupportedEncodingException {
		MvcTestResult result = mvc.get().uri(PREFIX + "/openapi").exchange();
		assertThat(result.getResponse().getContentAsString()).doesNotContain("\"token\"").doesNotContain("Jwt");
	}

}
