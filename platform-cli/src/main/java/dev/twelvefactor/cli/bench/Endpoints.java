package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.Service;

import java.util.List;

/**
 * The request each benchmark sends to a service: a read that goes to the database, so
 * that it does real work.
 */
final class Endpoints {

	static final String PRODUCT = "/api/inventory/products/KB-001";
	static final String ORDER_PAGE = "/api/orders?size=5";
	static final String ORDERS = "/api/orders";
	static final String ORDER_BODY = "{\"lines\":[{\"sku\":\"KB-001\",\"quantity\":1}]}";

	/**
	 * Every SKU the load generator orders, so that its orders are accepted instead of
	 * turned away for stock.
	 */
	static final List<String> RESTOCK_ALL = List.of("restock", "KB-001", "1000000", "MS-002", "1000000", "MN-003",
			"1000000", "HS-004", "1000000", "CB-005", "1000000", "DK-006", "1000000");

	private Endpoints() {
	}

	/**
	 * A GET the service answers itself; through the gateway it is routed to that service.
	 */
	static String readOf(Service service) {
		return switch (service) {
			case ORDER -> ORDER_PAGE;
			case INVENTORY, GATEWAY -> PRODUCT;
			default -> throw new IllegalArgumentException(service + " has no public API");
		};
	}

}
