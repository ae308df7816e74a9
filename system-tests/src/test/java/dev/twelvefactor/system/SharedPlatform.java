package dev.twelvefactor.system;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.List;

/**
 * One platform for the whole system-test run, started by the same launcher code as
 * {@code ./platform up}, on free ports with a clean data folder under {@code target/}.
 * JUnit closes it when the run ends, also after a failure; the launcher's pid files let
 * the next run stop anything a crashed run left behind.
 */
public final class SharedPlatform implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == LocalPlatform.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.create(SharedPlatform.class))
			.computeIfAbsent("platform", key -> new Running(start()), Running.class)
			.platform();
	}

	private static LocalPlatform start() {
		Path home = Path.of(System.getProperty("platform.home", "..")).toAbsolutePath().normalize();
		Path data = Path.of(System.getProperty("platform.data", "target/platform-data")).toAbsolutePath();
		return LocalPlatform.start(PlatformOptions.forTests(home, data),
				message -> System.out.println("[platform] " + message));
	}

	/**
	 * The instances of {@code service} running now: tests stop, kill and scale out some,
	 * and the platform lists every instance it started.
	 */
	static List<ServiceInstance> alive(LocalPlatform platform, Service service) {
		return platform.instances(service).stream().filter(ServiceInstance::isAlive).toList();
	}

	/** Lets JUnit close the platform when the root context closes. */
	record Running(LocalPlatform platform) implements AutoCloseable {
		@Override
		public void close() {
			platform.close();
		}
	}

}
