package dev.twelvefactor.launcher.orchestration;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.TestHome;
import dev.twelvefactor.launcher.process.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What can be checked without starting the platform: its addresses, the attached view,
 * and the refusals.
 */
class LocalPlatformTest {

	@TempDir
	Path home;

	@Test
	void beforeAnyInstanceTheAddressesAreTheWellKnownOnes() {
		try (LocalPlatform platform = LocalPlatform.create(TestHome.options(home), message -> {
		})) {
			assertThat(platform.eurekaUrl()).isEqualTo("http://127.0.0.1:8761/eureka/");
			assertThat(platform.configUrl()).isEqualTo("http://127.0.0.1:8888");
			assertThat(platform.gatewayUrl()).isEqualTo("http://127.0.0.1:8080");
			assertThat(platform.instances(Service.ORDER)).isEmpty();
			assertThat(platform.prometheusUrl()).isEmpty();
		}
	}

	@Test
	void attachedItRunsAdminTasksWithTheRunningPlatformsDatabasesAndPushgateway() {
		PlatformOptions options = PlatformOptions.forUser(TestHome.options(home).home());
		LocalPlatform platform = LocalPlatform.attach(options, message -> {
		});

		assertThat(platform.database(Service.ORDER).url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/orders");
		assertThat(platform.pushgatewayUrl()).hasValue("http://127.0.0.1:9091");
		assertThatThrownBy(() -> platform.database(Service.GATEWAY)).hasMessageContaining("owns no database");
	}

	@Test
	void refusesToStartWithoutTheServicesJars() {
		try (LocalPlatform platform = LocalPlatform.create(TestHome.options(home), message -> {
		})) {
			assertThatThrownBy(platform::start).hasMessageContaining("build first");
		}
	}

	@Test
	void aKillIsASigkill() throws Exception {
		ServiceInstance instance = new ServiceInstance(Service.ORDER, 1, 1, 2, List.of("sleep", "60"), Map.of(), home,
				home.resolve("order.log"), home.resolve("order.pid"));
		instance.start();
		Faults faults = new Faults(message -> {
		}, () -> null);

		faults.kill(instance);

		assertThat(instance.isAlive()).isFalse();
		assertThat(home.resolve("order.pid")).doesNotExist();
	}

}
