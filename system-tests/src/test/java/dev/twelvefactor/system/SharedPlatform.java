package dev.twelvefactor.system;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
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
public final class SharedPlatform implements ParameterResolver, BeforeAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

	/**
	 * A class that does not run on {@link TwoOfEach} finds the instances the run started
	 * with, whichever class ran before it.
	 */
	@Override
	public void beforeAll(ExtensionContext context) {
		if (!context.getRequiredTestClass().isAnnotationPresent(TwoOfEach.RunsOnTwoOfEach.class)) {
			Running running = context.getRoot().getStore(NAMESPACE).get("platform", Running.class);
			if (running != null) {
				TwoOfEach.scaleBackInIfScaled(running.platform());
			}
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == LocalPlatform.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
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
