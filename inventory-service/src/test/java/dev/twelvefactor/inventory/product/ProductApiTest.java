package dev.twelvefactor.inventory.product;

import dev.twelvefactor.inventory.InventoryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue API on the real database, with the demo catalogue Flyway seeds. */
@AutoConfigureMockMvc
class ProductApiTest extends InventoryIntegrationTest {

	@Autowired
	MockMvcTester mvc;

	@Test
	void listsTheSeededCatalogueInPages() {
		assertThat(mvc.get().uri("/api/inventory/products?size=2&page=0")).hasStatusOk().bodyJson().satisfies(json -> {
			assertThat(json).extractingPath("$.content.length()").isEqualTo(2);
			assertThat(json).extractingPath("$.size").isEqualTo(2);
		});
		assertThat(mvc.get().uri("/api/inventory/products")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.content[?(@.sku == 'KB-001')].name")
			.asArray()
			.containsExactly("Mechanical keyboard");
	}

	@Test
	void getsOneProductBySku() {
		assertThat(mvc.get().uri("/api/inventory/products/MN-003")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.price")
			.isEqualTo(219.0);
	}

	@Test
	void anUnknownSkuIsA404Problem() {
		assertThat(mvc.get().uri("/api/inventory/products/NOPE")).hasStatus(404)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("No product has SKU 'NOPE'.");
	}

	@Test
	void aBadPageIsA400Problem() {
		assertThat(mvc.get().uri("/api/inventory/products?size=1000")).hasStatus(400)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(mvc.get().uri("/api/inventory/products?page=abc")).hasStatus(400)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
