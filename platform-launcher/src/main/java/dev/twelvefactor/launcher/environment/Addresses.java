package dev.twelvefactor.launcher.environment;

import java.util.Optional;

/**
 * Where the platform's shared parts listen, as an instance is told: asked for when the
 * instance is made, since they are known only as the platform starts.
 */
public interface Addresses {

	/**
	 * Eureka's base URL, {@code http://127.0.0.1:PORT/eureka/}, without credentials.
	 */
	String eurekaUrl();

	String configUrl();

	/** auth-service's own address (AUTH_URL): where machines fetch tokens and keys. */
	String authUrl();

	/**
	 * The gateway's address (PUBLIC_URL): the one people and clients use, and the issuer
	 * of every token.
	 */
	String gatewayUrl();

	/** The Pushgateway, when one runs. */
	Optional<String> pushgatewayUrl();

	/** The trace store (Zipkin), when one runs. */
	Optional<String> zipkinUrl();

	/** Addresses that do not change. */
	static Addresses fixed(String eurekaUrl, String configUrl, String authUrl, String gatewayUrl,
			Optional<String> pushgatewayUrl, Optional<String> zipkinUrl) {
		return new Fixed(eurekaUrl, configUrl, authUrl, gatewayUrl, pushgatewayUrl, zipkinUrl);
	}

	/** Addresses that do not change. */
	record Fixed(String eurekaUrl, String configUrl, String authUrl, String gatewayUrl, Optional<String> pushgatewayUrl,
			Optional<String> zipkinUrl) implements Addresses {
	}

}
