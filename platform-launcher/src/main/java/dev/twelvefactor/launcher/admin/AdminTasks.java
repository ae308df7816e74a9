package dev.twelvefactor.launcher.admin;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.environment.InstanceEnvironment;
import dev.twelvefactor.launcher.process.LaunchCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs {@code java -jar SERVICE.jar admin TASK ARGS} as its own process (factor XII),
 * with the same JVM flags, environment and database as the service's instances, and waits
 * for it to exit.
 */
public final class AdminTasks {

	private final Path workingDirectory;

	private final LaunchCommand launchCommand;

	private final InstanceEnvironment environment;

	public AdminTasks(Path workingDirectory, LaunchCommand launchCommand, InstanceEnvironment environment) {
		this.workingDirectory = workingDirectory;
		this.launchCommand = launchCommand;
		this.environment = environment;
	}

	public AdminRun run(Service service, List<String> taskAndArguments) {
		List<String> command = launchCommand.tuned(service);
		command.add("admin");
		command.addAll(taskAndArguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true);
		// An admin process serves nothing: ports 0, as the deployments' admin jobs set
		// none.
		builder.environment().putAll(environment.of(service, 0, 0));
		// Human-readable output: an admin task reports to the person or job that ran it.
		builder.environment().put("LOG_FORMAT", "");
		try {
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return new AdminRun(process.waitFor(), output);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not run admin task " + taskAndArguments, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + taskAndArguments, e);
		}
	}

}
