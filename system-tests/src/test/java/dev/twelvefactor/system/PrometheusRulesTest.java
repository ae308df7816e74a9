package dev.twelvefactor.system;

import dev.twelvefactor.launcher.monitoring.PrometheusConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * promtool on prometheus/: the rendered configuration and the rules are valid, and the
 * alert rules' unit tests (prometheus/tests) pass. promtool comes with Debian's
 * prometheus package, which .ci/run installs.
 */
class PrometheusRulesTest {

	static final Path HOME = Path.of(System.getProperty("platform.home", "..")).toAbsolutePath().normalize();

	@Test
	void theRenderedConfigurationIsValid(@TempDir Path directory) throws Exception {
		Path password = Files.writeString(directory.resolve("password"), "not-a-real-one");
		Path config = PrometheusConfig.writeTo(HOME, directory,
				Map.of("EUREKA_SERVER", "http://discovery-service:8761/eureka", "DISCOVERY_METRICS_TARGET",
						"discovery-service:9761", "PUSHGATEWAY_TARGET", "pushgateway:9091", "EUREKA_PASSWORD_FILE",
						password.toString(), "MONITORING_PASSWORD_FILE", password.toString()));
		assertThat(promtool("check", "config", config.toString())).contains("SUCCESS");
	}

	@Test
	void aPlaceholderWithoutAValueIsAnError() {
		assertThatThrownBy(() -> PrometheusConfig.render("server: ${EUREKA_SERVER}", Map.of()))
			.hasMessageContaining("EUREKA_SERVER");
	}

	@Test
	void theRulesAreValidAndTheirUnitTestsPass() throws Exception {
		assertThat(promtool("check", "rules", HOME.resolve("prometheus/rules/platform.yml").toString()))
			.contains("SUCCESS");
		assertThat(promtool("test", "rules", HOME.resolve("prometheus/tests/platform-test.yml").toString()))
			.contains("SUCCESS");
	}

	private static String promtool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("promtool"));
		command.addAll(List.of(arguments));
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException notInstalled) {
			Tools.requireInCi("promtool (Debian package prometheus)");
			throw new IllegalStateException("unreachable");
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

}
