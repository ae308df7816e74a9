package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.admin.AdminRun;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The domain through the gateway: cancellation, concurrent orders for scarce stock, admin
 * tasks, API documents. inventory-service going away under load is scenario 3 of
 * {@link ResilienceIT}.
 */
@ExtendWith(SharedPlatform.class)
class OrdersAndInventoryIT {

	@Test
	void cancellingAnOrderGivesItsStockBack(LocalPlatform platform) {
		Http gateway = Callers.gateway(platform);
		int before = available(gateway, "MN-003");

		HttpResponse<String> placed = gateway.placeOrder("{\"lines\":[{\"sku\":\"MN-003\",\"quantity\":2}]}");
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		assertThat(available(gateway, "MN-003")).isEqualTo(before - 2);

		HttpResponse<String> cancelled = gateway.post("/api/orders/" + id(placed) + "/cancel", "");
		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		assertThat(cancelled.body()).contains("\"status\":\"CANCELLED\"");
		assertThat(gateway.post("/api/orders/" + id(placed) + "/cancel", "").statusCode()).isEqualTo(200);
		assertThat(available(gateway, "MN-003")).isEqualTo(before);
	}

	@Test
	void fiftyConcurrentOrdersForStockThatTenCanGetConfirmExactlyTen(LocalPlatform platform) throws Exception {
		Http gateway = Callers.gateway(platform);
		AdminRun refused = platform.runAdminTask(Service.INVENTORY, List.of("restock", "DK-006", "0"));
		assertThat(refused.exitCode()).as("quantity 0 is refused").isEqualTo(2);
		// Exactly ten orders of `quantity` fit: restock or buy up what other tests left.
		int quantity = 3;
		int difference = 10 * quantity - available(gateway, "DK-006");
		if (difference > 0) {
			assertThat(
					platform.runAdminTask(Service.INVENTORY, List.of("restock", "DK-006", Integer.toString(difference)))
						.exitCode())
				.isZero();
		}
		else if (difference < 0) {
			assertThat(gateway.placeOrder("{\"lines\":[{\"sku\":\"DK-006\",\"quantity\":" + -difference + "}]}")
				.statusCode()).isEqualTo(201);
		}
		int available = available(gateway, "DK-006");
		assertThat(available).isEqualTo(10 * quantity);
		int ordersThatFit = 10;

		List<HttpResponse<String>> answers;
		try (var executor = Executors.newFixedThreadPool(25)) {
			List<Callable<HttpResponse<String>>> orders = new ArrayList<>();
			// 25 at once is above what one order-service instance serves well (its
			// concurrency limit refuses some with 503 and Retry-After): the clients come
			// back as told, with the same Idempotency-Key.
			for (int i = 0; i < 50; i++) {
				orders.add(() -> gateway.placeOrderComingBackWhenBusy(
						"{\"lines\":[{\"sku\":\"DK-006\",\"quantity\":" + quantity + "}]}", 10));
			}
			answers = new ArrayList<>();
			for (var answer : executor.invokeAll(orders)) {
				answers.add(answer.get());
			}
		}

		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201, 409);
		assertThat(answers).filteredOn(answer -> answer.statusCode() == 201).hasSize(ordersThatFit);
		assertThat(available(gateway, "DK-006")).isEqualTo(available - ordersThatFit * quantity).isLessThan(quantity);
		assertInvariant(platform);
	}

	@Test
	void adminTasksRunFromTheServicesJarsWithTheirConfiguration(LocalPlatform platform) {
		Http gateway = Callers.gateway(platform);
		int before = available(gateway, "CB-005");

		AdminRun restock = platform.runAdminTask(Service.INVENTORY, List.of("restock", "CB-005", "25"));
		assertThat(restock.exitCode()).as(restock.output()).isZero();
		assertThat(restock.output()).contains("Restocked CB-005 by 25");
		assertThat(available(gateway, "CB-005")).isEqualTo(before + 25);

		AdminRun unknown = platform.runAdminTask(Service.INVENTORY, List.of("restock", "NO-SUCH", "1"));
		assertThat(unknown.exitCode()).isEqualTo(1);

		AdminRun report = platform.runAdminTask(Service.INVENTORY, List.of("stock-report"));
		assertThat(report.output()).contains("CB-005").contains("products,");

		AdminRun reconcile = platform.runAdminTask(Service.ORDER, List.of("reconcile"));
		assertThat(reconcile.output()).contains("PENDING now");
		// An admin process never registers: Eureka still lists exactly the serving
		// instances.
		assertThat(Callers.basic(platform.eurekaUrl().replaceAll("/eureka/$", ""), platform.secrets().eureka())
			.get("/eureka/apps/ORDER-SERVICE")
			.body()).doesNotContain("\"port\":{\"$\":0");
	}

	@Test
	void bothOpenApiDocumentsAreServedThroughTheGateway(LocalPlatform platform) {
		Http gateway = Callers.gateway(platform);
		assertThat(gateway.get("/api/orders/openapi").body()).contains("\"openapi\"")
			.contains("/api/orders/{id}/cancel")
			.doesNotContain("/internal/");
		assertThat(gateway.get("/api/inventory/openapi").body()).contains("\"openapi\"")
			.contains("/api/inventory/products/{sku}")
			.doesNotContain("/internal/");
	}

	private static void assertInvariant(LocalPlatform platform) {
		assertThat(StockInvariant.reservedBySku(platform)).isEqualTo(StockInvariant.expectedReservedBySku(platform));
		assertThat(StockInvariant.stock(platform).values())
			.allSatisfy(stock -> assertThat(stock.reserved()).isLessThanOrEqualTo(stock.onHand()));
	}

	private static int available(Http gateway, String sku) {
		String body = gateway.get("/api/inventory/products/" + sku).body();
		return Integer.parseInt(body.replaceAll(".*\"available\":(\\d+).*", "$1"));
	}

	private static String id(HttpResponse<String> placed) {
		String location = placed.headers().firstValue("Location").orElseThrow();
		return location.substring(location.lastIndexOf('/') + 1);
	}

}
