package dev.twelvefactor.launcher.monitoring;

import java.nio.file.Path;
import java.util.List;

/**
 * Starts a long-running helper process (Prometheus, the Pushgateway) the way the launcher
 * runs all its processes, with a log and a pid file; closing what it returns stops the
 * process. An interface, so that monitoring does not depend on how processes are run.
 */
@FunctionalInterface
public interface ProcessRunner {

	AutoCloseable start(String name, List<String> command, Path workingDirectory);

}
