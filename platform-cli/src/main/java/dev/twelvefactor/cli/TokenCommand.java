package dev.twelvefactor.cli;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.secrets.Client;
import dev.twelvefactor.launcher.secrets.Credentials;
import dev.twelvefactor.loadgen.ClientCredentialsTokenSource;
import dev.twelvefactor.loadgen.TokenUnavailableException;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;

/**
 * {@code ./platform token [--client platform-cli|load-generator] [--data-dir DIR]}: an
 * access token of one of the platform's own clients, from the running platform's
 * auth-service, with the client's secret from the data folder. Prints the token alone, so
 * that it fits in a command line:
 * {@code curl -H "Authorization: Bearer $(./platform token)" http://127.0.0.1:8080/api/orders}.
 */
final class TokenCommand {

	/**
	 * The clients a person may ask a token of; order-service's secret is that service's
	 * own.
	 */
	static final List<Client> CLIENTS = List.of(Client.PLATFORM_CLI, Client.LOAD_GENERATOR);

	/** What {@code ./platform token} was asked for. */
	record Request(PlatformOptions options, Client client) {
	}

	private TokenCommand() {
	}

	static int run(Path home, Deque<String> arguments) {
		Request request = parse(PlatformOptions.forUser(home), arguments);
		if (PlatformCommand.runningLauncher(request.options().dataDirectory()).isEmpty()) {
			System.err.println("The platform is not running: start it with ./platform up");
			return 1;
		}
		try {
			System.out.println(tokens(request.options(), request.client()).accessToken());
			return 0;
		}
		catch (IllegalStateException | UncheckedIOException | TokenUnavailableException e) {
			System.err.println("No token for " + request.client().id() + ": " + e.getMessage());
			return 1;
		}
	}

	static Request parse(PlatformOptions defaults, Deque<String> arguments) {
		OptionValues values = OptionValues.parse(arguments, "--client", "--data-dir");
		PlatformOptions options = values.get("--data-dir")
			.map(directory -> defaults.withDataDirectory(Path.of(directory)))
			.orElse(defaults);
		return new Request(options, values.get("--client").map(TokenCommand::client).orElse(Client.PLATFORM_CLI));
	}

	/**
	 * Tokens of {@code client} from the auth-service of the platform running with these
	 * options (its own address, AUTH_URL); refuses when that platform made no secrets.
	 */
	static ClientCredentialsTokenSource tokens(PlatformOptions options, Client client) {
		return tokens(LocalPlatform.attach(options, message -> {
		}), client);
	}

	/** Tokens of {@code client} from this platform's auth-service, with its secret. */
	static ClientCredentialsTokenSource tokens(LocalPlatform platform, Client client) {
		Credentials credentials = platform.secrets().client(client);
		return ClientCredentialsTokenSource.of(platform.authUrl(), credentials.username(), credentials.password());
	}

	private static Client client(String id) {
		return CLIENTS.stream()
			.filter(client -> client.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("--client takes "
					+ String.join(" or ", CLIENTS.stream().map(Client::id).toList()) + ", not " + id));
	}

}
