package dev.twelvefactor.inventory.reservation;

import dev.twelvefactor.inventory.InventoryIntegrationTest;
import dev.twelvefactor.testsupport.Contract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.nio.file.Path;
import java.util.List;

import static dev.twelvefactor.inventory.OrderServiceCaller.orderService;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider side of contracts/inventory-reservations: the real API, on the real
 * database, answers each example sent with order-service's token.
 */
@AutoConfigureMockMvc
class ReservationContractTest extends InventoryIntegrationTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	static List<Contract> contracts() {
		return Contract.load(Path.of("../contracts/inventory-reservations"));
	}

	@BeforeEach
	void noReservations() {
		jdbc.sql("delete from reservation_line").update();
		jdbc.sql("delete from reservation").update();
		jdbc.sql("update product set reserved = 0").update();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("contracts")
	void answersAsTheContractSays(Contract contract) throws Exception {
		contract.before().forEach(this::send);

		MvcTestResult result = send(contract.request());

		assertThat(result).hasStatus(contract.response().status());
		if (contract.response().body() != null) {
			JSONAssert.assertEquals(contract.response().bodyJson(), result.getResponse().getContentAsString(),
					JSONCompareMode.LENIENT);
		}
	}

	private MvcTestResult send(Contract.Request request) {
		var call = mvc.method(HttpMethod.valueOf(request.method())).uri(request.path()).with(orderService());
		return request.body() == null ? call.exchange()
				: call.contentType(MediaType.APPLICATION_JSON).content(request.bodyJson()).exchange();
	}

}
