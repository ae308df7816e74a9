package dev.twelvefactor.cli;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.secrets.Client;
import dev.twelvefactor.loadgen.ClientCredentialsTokenSource;
import dev.twelvefactor.loadgen.LoadGenerator;
import dev.twelvefactor.loadgen.LoadResults;
import dev.twelvefactor.loadgen.LoadSettings;
import dev.twelvefactor.loadgen.TokenUnavailableException;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;

/**
 * {@code ./platform load [--rate 20] [--duration 30s] [--target URL] [--data-dir DIR]}:
 * drives the running platform's public API at a fixed rate, as client
 * {@code load-generator} with its tokens, and prints what happened; exits 1 when a client
 * saw a failure.
 */
final class LoadCommand {

	/**
	 * What {@code ./platform load} was asked for: how, and on which platform's tokens.
	 */
	record Request(LoadSettings settings, PlatformOptions options) {
	}

	private LoadCommand() {
	}

	static int run(Path home, Deque<String> arguments) throws InterruptedException {
		Request request;
		try {
			request = parse(PlatformOptions.forUser(home), arguments);
		}
		catch (IllegalArgumentException e) {
			System.err.println(e.getMessage());
			return PlatformCommand.usage();
		}
		ClientCredentialsTokenSource tokens;
		try {
			tokens = TokenCommand.tokens(request.options(), Client.LOAD_GENERATOR);
			// At once: a reason now, rather than every request failing for the same one.
			tokens.accessToken();
		}
		catch (IllegalStateException | UncheckedIOException | TokenUnavailableException e) {
			System.err.println("No token for load-generator (is the platform up?): " + e.getMessage());
			return 1;
		}
		LoadResults results = new LoadGenerator(request.settings(), tokens).run();
		System.out.print(results.summary());
		return results.unexpected() == 0 ? 0 : 1;
	}

	static Request parse(PlatformOptions defaults, Deque<String> arguments) {
		OptionValues values = OptionValues.parse(arguments, "--rate", "--duration", "--target", "--data-dir");
		PlatformOptions options = values.get("--data-dir")
			.map(directory -> defaults.withDataDirectory(Path.of(directory)))
			.orElse(defaults);
		return new Request(
				LoadSettings.of(values.get("--target", "http://127.0.0.1:8080"),
						Integer.parseInt(values.get("--rate", "20")), duration(values.get("--duration", "30s"))),
				options);
	}

	/** {@code 30s}, {@code 2m} or plain seconds. */
	static Duration duration(String value) {
		if (!value.matches("\\d{1,6}[sm]?")) {
			throw new IllegalArgumentException("--duration takes seconds or minutes, e.g. 30s or 2m, not " + value);
		}
		long amount = Long.parseLong(value.replaceAll("[sm]$", ""));
		return value.endsWith("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
	}

}
