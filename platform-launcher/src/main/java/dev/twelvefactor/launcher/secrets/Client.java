package dev.twelvefactor.launcher.secrets;

import java.util.Arrays;

/**
 * The clients of auth-service that authenticate with a secret (client_credentials), and
 * the secret each one has.
 */
public enum Client {

	ORDER_SERVICE("order-service", Secret.ORDER_SERVICE_CLIENT_SECRET),
	PLATFORM_CLI("platform-cli", Secret.PLATFORM_CLI_CLIENT_SECRET),
	LOAD_GENERATOR("load-generator", Secret.LOAD_GENERATOR_CLIENT_SECRET);

	private final String id;

	private final Secret secret;

	Client(String id, Secret secret) {
		this.id = id;
		this.secret = secret;
	}

	/** The client id auth-service registers it under. */
	public String id() {
		return id;
	}

	public Secret secret() {
		return secret;
	}

	public static Client byId(String id) {
		for (Client client : values()) {
			if (client.id.equals(id)) {
				return client;
			}
		}
		throw new IllegalArgumentException(
				"Unknown client '" + id + "'; known: " + Arrays.stream(values()).map(Client::id).toList());
	}

}
