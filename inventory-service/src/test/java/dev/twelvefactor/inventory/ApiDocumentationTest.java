package dev.twelvefactor.inventory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	static final Path API_DOC = Path.of("..", "docs", "api.md");
	static final String PREFIX = "/api/inventory";
	static final Set<String> METHODS = Set.of("get", "head", "post", "put", "patch", "delete", "options", "trace");
	static final Pattern OPERATION = Pattern.compile("`?(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE) (/\\S+?)`?");

	@Autowired
	MockMvcTester mvc;

	@Test
	void theApiTableListsExactlyTheOperationsOfTheOpenApiDocument() throws IOException {
		MvcTestResult result = mvc.get().uri(PREFIX + "/openapi").exchange();
		assertThat(result).hasStatusOk();
		Set<String> published = operations(JsonMapper.builder().build().readTree(body(result)));

		Set<String> documented = documentedOperations(Files.readString(API_DOC), PREFIX);

		assertThat(published).as("operations in the OpenAPI document").isNotEmpty();
		assertThat(documented)
			.as("rows of the API table in " + API_DOC + " (first column, e.g. `GET " + PREFIX
					+ "/products/{sku}`) against the OpenAPI document " + PREFIX + "/openapi")
			.isEqualTo(published);
	}

	/** {@code METHOD path} of every operation in an OpenAPI document. */
	static Set<String> operations(JsonNode openApi) {
		Set<String> operations = new TreeSet<>();
		for (Map.Entry<String, JsonNode> path : openApi.required("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (METHODS.contains(operation.getKey())) {
					operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
				}
			}
		}
		return operations;
	}

	/**
	 * The first cells of the Markdown table rows in the document that name an operation
	 * under the prefix, e.g. {@code `GET /api/inventory/products/{sku}`}; a row listed
	 * twice fails.
	 */
	static Set<String> documentedOperations(String markdown, String prefix) {
		Set<String> rows = new TreeSet<>();
		for (String line : markdown.lines().toList()) {
			if (!line.startsWith("|")) {
				continue;
			}
			Matcher operation = OPERATION.matcher(cells(line).getFirst());
			if (operation.matches() && operation.group(2).startsWith(prefix)) {
				String key = operation.group(1) + " " + operation.group(2);
				assertThat(rows.add(key)).as(key + " is listed twice in " + API_DOC).isTrue();
			}
		}
		return rows;
	}

	private static List<String> cells(String line) {
		String inner = line.strip();
		inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
		List<String> cells = new ArrayList<>();
		for (String cell : inner.split("\\|", -1)) {
			cells.add(cell.strip());
		}
		return cells;
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (UnsupportedEncodingException e) {
			throw new IllegalStateException(e);
		}
	}

}
