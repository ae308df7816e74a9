package dev.twelvefactor.launcher.monitoring;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitoringTest {

	@Test
	void anotherProcessFindsThePushgatewayWhereTheRunningPlatformSaidItIs(@TempDir Path home) throws Exception {
		PlatformOptions options = TestHome.options(home);
		assertThat(Monitoring.pushgatewayUrlOf(options)).isEqualTo("http://127.0.0.1:9091");

		Files.createDirectories(options.dataDirectory().resolve("monitoring"));
		Files.writeString(options.dataDirectory().resolve("monitoring").resolve("pushgateway.url"),
				"http://127.0.0.1:40123\n");
		assertThat(Monitoring.pushgatewayUrlOf(options)).isEqualTo("http://127.0.0.1:40123");
	}

	@Test
	void everyPlaceholderOfTheTemplateNeedsAValue() {
		assertThat(PrometheusConfig.render("a: ${A}, b: ${B}", Map.of("A", "1", "B", "$2"))).isEqualTo("a: 1, b: $2");
		assertThatThrownBy(() -> PrometheusConfig.render("${MISSING}", Map.of())).hasMessageContaining("MISSING");
	}

}
