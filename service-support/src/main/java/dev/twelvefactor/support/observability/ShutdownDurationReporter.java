package dev.twelvefactor.support.observability;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Factor IX, visible: how long a graceful shutdown took, from the moment the instance
 * started to close (it leaves Eureka and drains requests) until its beans are being
 * destroyed, after the web server stopped. An exited process cannot be scraped, so the
 * figure is pushed to the Pushgateway as
 * {@code platform_shutdown_duration_seconds{application, process}}.
 */
public class ShutdownDurationReporter implements ApplicationListener<ContextClosedEvent>, DisposableBean {

	private final Pushgateway pushgateway;

	private final String application;

	private final Supplier<String> process;

	private volatile long closeStartedNanos;

	/**
	 * {@code process} is asked at shutdown: the address and port are known only once the
	 * server has started.
	 */
	public ShutdownDurationReporter(Pushgateway pushgateway, String application, Supplier<String> process) {
		this.pushgateway = pushgateway;
		this.application = application;
		this.process = process;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		closeStartedNanos = System.nanoTime();
	}

	@Override
	public void destroy() {
		if (closeStartedNanos == 0) {
			return;
		}
		Duration took = Duration.ofNanos(System.nanoTime() - closeStartedNanos);
		pushgateway.push("platform_shutdown", Map.of("application", application, "process", process.get()),
				Map.of("platform_shutdown_duration_seconds", took.toMillis() / 1000.0,
						"platform_shutdown_last_timestamp_seconds", System.currentTimeMillis() / 1000.0));
	}

}
