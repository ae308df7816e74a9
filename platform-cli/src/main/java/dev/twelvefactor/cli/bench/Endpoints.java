package dev.twelvefactor.cli.bench;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.secrets.Client;
import dev.twelvefactor.launcher.secrets.Credentials;
import dev.twelvefactor.loadgen.ClientCredentialsTokenSource;
import dev.twelvefactor.loadgen.TokenSource;

import java.util.List;
import java.util.Optional;

/**
 * The request each benchmark sends to a service: a read that goes to the database, so
 * that it does real work; with a token of client {@code load-generator} where the API
 * asks for one (orders), anonymous where it does not (the product catalogue).
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

	/** Tokens of client {@code load-generator}, from the platform's auth-service. */
	static TokenSource tokens(LocalPlatform platform) {
		Credentials client = platform.secrets().client(Client.LOAD_GENERATOR);
		return ClientCredentialsTokenSource.of(platform.authUrl(), client.username(), client.password());
	}

	/**
	 * The {@code Authorization} header a request of {@code path} needs: a token for the
	 * orders API, none for the catalogue.
	 */
	static Optional<String> authorization(String path, TokenSource tokens) {
		return path.startsWith(ORDERS) ? Optional.of("Bearer " + tokens.accessToken()) : Optional.empty();
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
