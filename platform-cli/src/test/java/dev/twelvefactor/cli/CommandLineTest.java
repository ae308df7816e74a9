package dev.twelvefactor.cli;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.secrets.Client;
import dev.twelvefactor.loadgen.LoadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The options of ./platform up, load, train and token, as README documents them, and what
 * up tells a person.
 */
class CommandLineTest {

	@Test
	void upTakesScaleCleanAndDataDir(@TempDir Path home) throws Exception {
		Files.createDirectories(home.resolve("config-repo"));
		PlatformOptions options = UpCommand.parse(PlatformOptions.forUser(home), new ArrayDeque<>(
				List.of("--scale", "order-service=2", "--clean", "--data-dir", home.resolve("data").toString())));

		assertThat(options.instances()).containsEntry(Service.ORDER, 2).containsEntry(Service.INVENTORY, 1);
		assertThat(options.cleanStart()).isTrue();
		assertThat(options.dataDirectory()).isEqualTo(home.resolve("data"));
		assertThat(options.fixedPorts()).isTrue();
		assertThatThrownBy(() -> UpCommand.parse(options, new ArrayDeque<>(List.of("--fast"))))
			.hasMessageContaining("--fast");
		assertThatThrownBy(() -> UpCommand.parse(options, new ArrayDeque<>(List.of("--scale", "gateway-service=2"))))
			.hasMessageContaining("gateway-service");
		assertThatThrownBy(() -> UpCommand.parse(options, new ArrayDeque<>(List.of("--scale", "auth-service=2"))))
			.hasMessageContaining("auth-service cannot run 2 instances")
			.hasMessageContaining("login sessions and authorization codes are kept in memory");
	}

	@Test
	void upSaysWhereThePasswordsAreAndHowToGetATokenNeverThePasswords(@TempDir Path home) throws Exception {
		Files.createDirectories(home.resolve("config-repo"));
		PlatformOptions defaults = PlatformOptions.forUser(home);

		String text = UpCommand.signIn(defaults, "http://127.0.0.1:8080");
		assertThat(text).contains("http://127.0.0.1:8080/swagger-ui.html")
			.contains("demo")
			.contains(home.resolve(".platform").resolve("secrets.properties").toString())
			.contains("curl -s -H \"Authorization: Bearer $(./platform token)\" http://127.0.0.1:8080/api/orders");
		assertThat(UpCommand.signIn(defaults.withDataDirectory(home.resolve("other")), "http://127.0.0.1:8080"))
			.contains("$(./platform token --data-dir " + home.resolve("other") + ")");
	}

	@Test
	void tokenTakesAClientOfItsOwnAndDataDir(@TempDir Path home) throws Exception {
		Files.createDirectories(home.resolve("config-repo"));
		PlatformOptions defaults = PlatformOptions.forUser(home);

		TokenCommand.Request byDefault = TokenCommand.parse(defaults, new ArrayDeque<>());
		assertThat(byDefault.client()).isEqualTo(Client.PLATFORM_CLI);
		assertThat(byDefault.options().dataDirectory()).isEqualTo(home.resolve(".platform"));

		TokenCommand.Request asked = TokenCommand.parse(defaults,
				new ArrayDeque<>(List.of("--client", "load-generator", "--data-dir", home.resolve("data").toString())));
		assertThat(asked.client()).isEqualTo(Client.LOAD_GENERATOR);
		assertThat(asked.options().dataDirectory()).isEqualTo(home.resolve("data"));

		assertThatThrownBy(() -> TokenCommand.parse(defaults, new ArrayDeque<>(List.of("--client", "order-service"))))
			.hasMessageContaining("--client takes platform-cli or load-generator, not order-service");
		assertThatThrownBy(() -> TokenCommand.parse(defaults, new ArrayDeque<>(List.of("--client"))))
			.hasMessageContaining("--client needs a value");
		assertThatThrownBy(() -> TokenCommand.parse(defaults, new ArrayDeque<>(List.of("--scope", "x"))))
			.hasMessageContaining("Unknown option --scope");
	}

	@Test
	void tokenRefusesWhenThePlatformIsNotRunning(@TempDir Path home) throws Exception {
		Files.createDirectories(home.resolve("config-repo"));
		PrintStream err = System.err;
		ByteArrayOutputStream said = new ByteArrayOutputStream();
		System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
		try {
			assertThat(TokenCommand.run(home, new ArrayDeque<>())).isEqualTo(1);
		}
		finally {
			System.setErr(err);
		}
		assertThat(said.toString(StandardCharsets.UTF_8)).contains("The platform is not running")
			.contains("./platform up");
	}

	@Test
	void loadTakesRateDurationTargetAndDataDir(@TempDir Path home) throws Exception {
		Files.createDirectories(home.resolve("config-repo"));
		PlatformOptions defaults = PlatformOptions.forUser(home);
		LoadCommand.Request request = LoadCommand.parse(defaults, new ArrayDeque<>(List.of("--rate", "5", "--duration",
				"10s", "--target", "http://localhost:9999", "--data-dir", home.resolve("d").toString())));
		LoadSettings settings = request.settings();

		assertThat(settings.rate()).isEqualTo(5);
		assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.maxRequests()).isEqualTo(50);
		assertThat(settings.target()).hasPort(9999);
		assertThat(request.options().dataDirectory()).isEqualTo(home.resolve("d"));
		assertThat(LoadCommand.parse(defaults, new ArrayDeque<>()).settings().target())
			.hasToString("http://127.0.0.1:8080");
		assertThatThrownBy(() -> LoadCommand.parse(defaults, new ArrayDeque<>(List.of("--rate"))))
			.hasMessageContaining("--rate");
	}

	@Test
	void trainTakesRateAndDurationOnAPlatformOfItsOwn(@TempDir Path home) throws Exception {
		Files.createDirectories(home.resolve("config-repo"));
		TrainCommand.Request request = TrainCommand.parse(home,
				new ArrayDeque<>(List.of("--rate", "5", "--duration", "2m")));

		assertThat(request.rate()).isEqualTo(5);
		assertThat(request.duration()).isEqualTo(Duration.ofMinutes(2));
		assertThat(request.options().trainAotCaches()).isTrue();
		assertThat(request.options().dataDirectory()).isEqualTo(home.resolve(".platform-train"));
		assertThat(request.options().fixedPorts()).isFalse();
		assertThat(TrainCommand.parse(home, new ArrayDeque<>()).duration()).isEqualTo(Duration.ofSeconds(60));
		assertThatThrownBy(() -> TrainCommand.parse(home, new ArrayDeque<>(List.of("--clean", "x"))))
			.hasMessageContaining("--clean");
	}

	@Test
	void trainReplacesACacheOnlyWithOneWrittenByThisRun(@TempDir Path home) throws Exception {
		Files.createDirectories(home.resolve("config-repo"));
		PlatformOptions options = TrainCommand.parse(home, new ArrayDeque<>()).options();
		Path trained = options.aotTrainingOutputOf(Service.ORDER);
		Path cache = options.aotCacheOf(Service.ORDER);
		Files.createDirectories(cache.getParent());
		Files.writeString(cache, "the build's");
		FileTime begin = FileTime.from(Instant.now().minusSeconds(30));

		// Left over from an earlier run that did not finish: not this run's.
		Files.writeString(trained, "older");
		Files.setLastModifiedTime(trained, FileTime.from(Instant.now().minusSeconds(60)));
		assertThat(TrainCommand.replaceCache(options, Service.ORDER, begin)).isFalse();
		assertThat(cache).hasContent("the build's");

		Files.writeString(trained, "this run's");
		assertThat(TrainCommand.replaceCache(options, Service.ORDER, begin)).isTrue();
		assertThat(cache).hasContent("this run's");
		assertThat(trained).doesNotExist();
		assertThat(Files.getLastModifiedTime(options.aotRunTrainingMarkOf(Service.ORDER)))
			.isGreaterThanOrEqualTo(Files.getLastModifiedTime(cache));
	}

	@Test
	void aDurationIsSecondsOrMinutes() {
		assertThat(LoadCommand.duration("45")).isEqualTo(Duration.ofSeconds(45));
		assertThat(LoadCommand.duration("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(LoadCommand.duration("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThatThrownBy(() -> LoadCommand.duration("1h")).hasMessageContaining("30s or 2m");
	}

}
