package dev.twelvefactor.order;

import dev.twelvefactor.order.inventory.InventoryClient;
import dev.twelvefactor.testsupport.ApiDocumentation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.io.UnsupportedEncodingException;

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

}
