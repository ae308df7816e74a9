package dev.twelvefactor.system;

import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.secrets.Client;
import dev.twelvefactor.launcher.secrets.Credentials;
import dev.twelvefactor.loadgen.ClientCredentialsTokenSource;
import dev.twelvefactor.loadgen.TokenSource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who calls the platform in these tests, with the credentials a real caller has: a
 * machine client's token from auth-service (client_credentials, with the secret the
 * launcher generated for this data folder), or a control plane's user.
 */
final class Callers {

	/** One token source per client for the whole run: tokens are cached until expiry. */
	private static final Map<Client, TokenSource> TOKENS = new ConcurrentHashMap<>();

	private Callers() {
	}

	static TokenSource tokens(LocalPlatform platform, Client client) {
		return TOKENS.computeIfAbsent(client, id -> {
			Credentials credentials = platform.secrets().client(id);
			return ClientCredentialsTokenSource.of(platform.authUrl(), credentials.username(), credentials.password());
		});
	}

	/**
	 * The gateway as the command-line client ({@code ./platform token}) calls it: a
	 * bearer token with orders.read and orders.write.
	 */
	static Http gateway(LocalPlatform platform) {
		return as(platform, Client.PLATFORM_CLI);
	}

	static Http as(LocalPlatform platform, Client client) {
		TokenSource tokens = tokens(platform, client);
		return new Http(platform.gatewayUrl(), () -> "Bearer " + tokens.accessToken());
	}

	/** A control plane (Eureka, config-service, actuator) with one of its users. */
	static Http basic(String baseUrl, Credentials user) {
		return new Http(baseUrl, user::basicAuthorization);
	}

}
