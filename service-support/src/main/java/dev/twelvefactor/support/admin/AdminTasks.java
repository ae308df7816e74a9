package dev.twelvefactor.support.admin;

import dev.twelvefactor.support.observability.Pushgateway;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts a service's application as an admin process instead of a server when its
 * arguments say so.
 */
public final class AdminTasks {

	/**
	 * Set for admin processes, so that beans that only a serving instance needs
	 * (schedulers) stay off.
	 */
	public static final String ADMIN_PROPERTY = "platform.admin-task";

	private AdminTasks() {
	}

	public static boolean requested(String[] args) {
		return args.length > 0 && args[0].equals("admin");
	}

	/** Runs the task named by {@code args[1]} and returns its exit code. */
	public static int run(Class<?> application, String[] args) {
		if (args.length < 2) {
			System.err.println("Usage: java -jar SERVICE.jar admin TASK [ARGS...]");
			return AdminTask.USAGE;
		}
		String taskName = args[1];
		List<String> taskArguments = List.of(Arrays.copyOfRange(args, 2, args.length));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(Map.of(ADMIN_PROPERTY, taskName,
					// Same configuration and database as the service. It reads the
					// registry (reconcile calls inventory-service through it) but never
					// registers: it serves nothing.
					"eureka.client.register-with-eureka", "false", "spring.main.banner-mode", "off",
					// The task's own report is its output; the framework speaks up only
					// about problems.
					"logging.level.root", "WARN"))
			.run();
		int exitCode;
		long started = System.nanoTime();
		try {
			exitCode = context.getBeansOfType(AdminTask.class)
				.values()
				.stream()
				.filter(task -> task.name().equals(taskName))
				.findFirst()
				.map(task -> task.run(taskArguments))
				.orElseGet(() -> unknown(taskName, context));
		}
		catch (RuntimeException e) {
			System.err.println("Admin task " + taskName + " failed: " + e.getMessage());
			exitCode = AdminTask.FAILED;
		}
		pushRun(context, taskName, exitCode, (System.nanoTime() - started) / 1e9);
		int finalCode = exitCode;
		return SpringApplication.exit(context, () -> finalCode);
	}

	/**
	 * An admin process exits before anything could scrape it: its run is pushed to the
	 * Pushgateway, if any.
	 */
	private static void pushRun(ConfigurableApplicationContext context, String task, int exitCode, double seconds) {
		context.getBeanProvider(Pushgateway.class)
			.ifAvailable(pushgateway -> pushgateway.push("platform_admin_task",
					Map.of("application", context.getEnvironment().getProperty("spring.application.name", "unknown"),
							"task", task),
					Map.of("platform_admin_task_last_exit_code", (double) exitCode,
							"platform_admin_task_duration_seconds", seconds,
							"platform_admin_task_last_run_timestamp_seconds", System.currentTimeMillis() / 1000.0)));
	}

	private static int unknown(String taskName, ConfigurableApplicationContext context) {
		System.err.println("Unknown admin task '" + taskName + "'. Tasks:");
		context.getBeansOfType(AdminTask.class)
			.values()
			.forEach(task -> System.err.println("  admin " + task.name() + " " + task.usage()));
		return AdminTask.USAGE;
	}

}
