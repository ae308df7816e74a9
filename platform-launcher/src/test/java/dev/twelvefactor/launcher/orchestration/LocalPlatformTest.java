package dev.twelvefactor.launcher.orchestration;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.TestHome;
import dev.twelvefactor.launcher.process.ServiceInstance;
import dev.twelvefactor.launcher.secrets.PlatformSecrets;
import dev.twelvefactor.launcher.secrets.Secret;
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
			assertThat(platform.authUrl()).isEqualTo("http://127.0.0.1:8083");
			assertThat(platform.instances(Service.ORDER)).isEmpty();
			assertThat(platform.prometheusUrl()).isEmpty();
			assertThatThrownBy(platform::secrets).hasMessageContaining("has not started");
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
		assertThatThrownBy(platform::secrets).as("no platform ever ran with this data folder")
			.hasMessageContaining("./platform up");

		PlatformSecrets made = PlatformSecrets.loadOrCreate(options.dataDirectory());
		assertThat(LocalPlatform.attach(options, message -> {
		}).secrets().value(Secret.ADMIN_PASSWORD)).isEqualTo(made.value(Secret.ADMIN_PASSWORD));
	}

	@Test
	void authServiceRunsASingleInstanceAndSaysWhy() {
		PlatformOptions options = TestHome.options(home);
		assertThatThrownBy(() -> options.withInstances(Service.AUTH, 2)).hasMessageContaining("auth-service")
			.hasMessageContaining("kept in memory");
		assertThat(options.withInstances(Service.ORDER, 3).instances()).containsEntry(Service.AUTH, 1);
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
