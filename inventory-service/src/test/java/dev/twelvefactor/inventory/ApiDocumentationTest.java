package dev.twelvefactor.inventory;

import dev.twelvefactor.testsupport.ApiDocumentation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.io.UnsupportedEncodingException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md and the code agree: the API table lists exactly the public operations of
 * the service's OpenAPI document (springdoc, GET /api/inventory/openapi, built from the
 * controllers), no more and no fewer.
 * <p>
 * The statuses in the table are not compared with the OpenAPI document: springdoc infers
 * responses from return types and {@code @ResponseStatus} only, and documents a lone
 * {@code 200} for every operation (not the {@code 404} or {@code 400} problems). The
 * statuses are proven by {@code ProductApiTest} and {@code DatabaseUnavailableTest}
 * instead.
 */
@AutoConfigureMockMvc
class ApiDocumentationTest extends InventoryIntegrationTest {

	static final String PREFIX = "/api/inventory";

	@Autowired
	MockMvcTester mvc;

	@Test
	void theApiTableListsExactlyTheOperationsOfTheOpenApiDocument() throws UnsupportedEncodingException {
		MvcTestResult result = mvc.get().uri(PREFIX + "/openapi").exchange();
		assertThat(result).hasStatusOk();
		ApiDocumentation.assertTableMatches(PREFIX, result.getResponse().getContentAsString());
	}

}
