package dev.twelvefactor.launcher.admin;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.TestHome;
import dev.twelvefactor.launcher.environment.Addresses;
import dev.twelvefactor.launcher.environment.InstanceEnvironment;
import dev.twelvefactor.launcher.process.LaunchCommand;
import dev.twelvefactor.launcher.secrets.PlatformSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminTasksTest {

	@Test
	void runsTheServicesJarAsItsOwnProcessAndReportsItsExitCodeAndOutput(@TempDir Path home) {
		PlatformOptions options = TestHome.options(home);
		InstanceEnvironment environment = new InstanceEnvironment(options.configRepo(),
				Addresses.fixed("http://127.0.0.1:1/eureka/", "http://127.0.0.1:2", "http://127.0.0.1:3",
						"http://127.0.0.1:4", Optional.empty(), Optional.empty()),
				service -> Optional.empty(), () -> PlatformSecrets.loadOrCreate(options.dataDirectory()));
		AdminTasks tasks = new AdminTasks(home, new LaunchCommand(options, message -> {
		}), environment);

		// The jar was never built: the JVM says so at once, which is all this test needs
		// of a process.
		AdminRun run = tasks.run(Service.INVENTORY, List.of("stock-report"));

		assertThat(run.exitCode()).isNotZero();
		assertThat(run.output()).contains("inventory-service.jar");
		assertThatThrownBy(run::requireSuccess).hasMessageContaining("Admin task failed");
		assertThat(new AdminRun(0, "ok").requireSuccess().output()).isEqualTo("ok");
	}

}
