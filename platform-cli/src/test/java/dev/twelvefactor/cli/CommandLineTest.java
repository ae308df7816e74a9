package dev.twelvefactor.cli;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.loadgen.LoadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The options of ./platform up and ./platform load, as README documents them. */
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
	}

	@Test
	void loadTakesRateDurationAndTarget() {
		LoadSettings settings = LoadCommand
			.parse(new ArrayDeque<>(List.of("--rate", "5", "--duration", "10s", "--target", "http://localhost:9999")));

		assertThat(settings.rate()).isEqualTo(5);
		assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.maxRequests()).isEqualTo(50);
		assertThat(settings.target()).hasPort(9999);
		assertThat(LoadCommand.parse(new ArrayDeque<>()).target()).hasToString("http://127.0.0.1:8080");
		assertThatThrownBy(() -> LoadCommand.parse(new ArrayDeque<>(List.of("--rate")))).hasMessageContaining("--rate");
	}

	@Test
	void aDurationIsSecondsOrMinutes() {
		assertThat(LoadCommand.duration("45")).isEqualTo(Duration.ofSeconds(45));
		assertThat(LoadCommand.duration("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(LoadCommand.duration("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThatThrownBy(() -> LoadCommand.duration("1h")).hasMessageContaining("30s or 2m");
	}

}
