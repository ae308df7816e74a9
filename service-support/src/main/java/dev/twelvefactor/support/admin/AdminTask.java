package dev.twelvefactor.support.admin;

import java.util.List;

/**
 * A one-off admin process (factor XII): runs from the service's own jar with the
 * service's configuration and database, starts no web server, never registers in Eureka,
 * and exits with {@link #run}'s exit code. Started as
 * {@code java -jar SERVICE.jar admin TASK [ARGS...]}.
 */
public interface AdminTask {

	int OK = 0;

	/** The task ran and found a problem (for example, work left undone). */
	int FAILED = 1;

	/** The task was called wrongly. */
	int USAGE = 2;

	String name();

	/** One line: the arguments and what the task does. */
	String usage();

	int run(List<String> arguments);

}
