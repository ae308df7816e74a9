package dev.twelvefactor.support.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Factor III, visible: {@code platform_config_revision_info{revision} 1} is the revision
 * of config-repo this instance runs with (as config-service reported it: a Git commit, or
 * for the native backend a hash of the files), and
 * {@code platform_config_refreshes_total} counts live refreshes. Both change on
 * {@code POST /actuator/refresh}.
 */
public class ConfigRevisionMetrics implements ApplicationListener<EnvironmentChangeEvent> {

	/** Where Spring Cloud Config's client puts the version the server reported. */
	static final String VERSION_PROPERTY = "config.client.version";

	private final Environment environment;

	private final MultiGauge revision;

	private final Counter refreshes;

	public ConfigRevisionMetrics(Environment environment, MeterRegistry registry) {
		this.environment = environment;
		this.revision = MultiGauge.builder("platform.config.revision.info")
			.description("The configuration revision this instance runs with (always 1)")
			.register(registry);
		this.refreshes = Counter.builder("platform.config.refreshes")
			.description("Live configuration refreshes applied without a restart")
			.register(registry);
		publishRevision();
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		refreshes.increment();
		publishRevision();
	}

	private void publishRevision() {
		String current = environment.getProperty(VERSION_PROPERTY, "none");
		revision.register(List.of(MultiGauge.Row.of(Tags.of("revision", current), 1)), true);
	}

}
