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

	/**
	 * The repository's template: Eureka and every target asked with credentials, whose
	 * passwords Prometheus reads from files.
	 */
	@Test
	void prometheusAsksEurekaAndTheActuatorWithPasswordsFromFiles(@TempDir Path directory) throws Exception {
		// The module's folder is the working directory of its tests.
		Path home = Path.of("..").toAbsolutePath().normalize();
		Path config = PrometheusConfig.writeTo(home, directory,
				Map.of("EUREKA_SERVER", "http://127.0.0.1:8761/eureka", "DISCOVERY_METRICS_TARGET", "127.0.0.1:9761",
						"PUSHGATEWAY_TARGET", "127.0.0.1:9091", "EUREKA_PASSWORD_FILE", "/data/eureka.password",
						"MONITORING_PASSWORD_FILE", "/data/monitoring.password"));

		String rendered = Files.readString(config);
		assertThat(rendered).doesNotContain("${")
			.contains("- server: http://127.0.0.1:8761/eureka\n")
			.contains("username: eureka\n          password_file: /data/eureka.password")
			.doesNotContain("//eureka:");
		assertThat(rendered.split("username: monitoring\n      password_file: /data/monitoring.password", -1))
			.as("both scrape jobs of the services")
			.hasSize(3);
	}

	@Test
	void zipkinStartsFromItsAotCacheOnceTheBuildTrainedOne(@TempDir Path home) throws Exception {
		PlatformOptions options = TestHome.options(home);
		Monitoring monitoring = new Monitoring(options, message -> {
		}, (name, command, workingDirectory) -> () -> {
		});
		assertThat(monitoring.zipkinCommand(9411)).contains("-jar", options.zipkinJar().toString())
			.noneMatch(argument -> argument.startsWith("-XX:AOTCache"));

		Files.createDirectories(options.zipkinExtractedJar().getParent());
		Files.writeString(options.zipkinExtractedJar(), "jar");
		Files.writeString(options.zipkinAotCache(), "cache");
		assertThat(monitoring.zipkinCommand(9411)).containsSubsequence(Monitoring.ZIPKIN_JVM_FLAGS)
			.containsSubsequence("-XX:AOTCache=" + options.zipkinAotCache(), "-jar",
					options.zipkinExtractedJar().toString(), "--armeria.ports[0].port=9411");
	}

	/** The JVM takes a cache only from a run with the same flags. */
	@Test
	void theBuildTrainsZipkinsCacheWithTheFlagsItRunsWith() throws Exception {
		// The module's folder is the working directory of its tests.
		String pom = Files.readString(Path.of("pom.xml"));
		String training = pom.substring(pom.indexOf("<id>train-zipkin-aot-cache</id>"));
		assertThat(training).containsSubsequence(
				Monitoring.ZIPKIN_JVM_FLAGS.stream().map(flag -> "<argument>" + flag + "</argument>").toList());
	}

	@Test
	void everyPlaceholderOfTheTemplateNeedsAValue() {
		assertThat(PrometheusConfig.render("a: ${A}, b: ${B}", Map.of("A", "1", "B", "$2"))).isEqualTo("a: 1, b: $2");
		assertThatThrownBy(() -> PrometheusConfig.render("${MISSING}", Map.of())).hasMessageContaining("MISSING");
	}

}
