package dev.twelvefactor.config.revision;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.config.server.environment.NativeEnvironmentRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The native backend reports no version of its own (a Git backend reports the commit).
 * This gives it one: a hash of the folder's files, recomputed every few seconds and
 * reported with every configuration the server hands out, so each client can show which
 * revision it runs ({@code platform_config_revision_info}), and the server shows the
 * revision it serves ({@code platform_config_repo_revision_info}).
 */
@Component
@Profile("native")
@ConditionalOnProperty(name = "platform.admin-task", havingValue = "none", matchIfMissing = true)
class ConfigRepoRevision implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(ConfigRepoRevision.class);

	private final NativeEnvironmentRepository repository;

	private final Path folder;

	private final MultiGauge gauge;

	private final Duration interval;

	ConfigRepoRevision(NativeEnvironmentRepository repository, ConfigRepoProperties settings, MeterRegistry registry) {
		this.repository = repository;
		this.folder = Path.of(settings.path());
		this.interval = settings.revisionInterval();
		this.gauge = MultiGauge.builder("platform.config.repo.revision.info")
			.description("The revision of the configuration this server hands out (always 1)")
			.register(registry);
		update();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::update, interval);
	}

	void update() {
		String revision = revisionOf(folder);
		if (!revision.equals(repository.getVersion())) {
			log.info("Configuration revision is now {}", revision);
			repository.setVersion(revision);
			gauge.register(List.of(MultiGauge.Row.of(Tags.of("revision", revision), 1)), true);
		}
	}

	/**
	 * The first 12 hex digits of a SHA-256 over every file's relative path and content,
	 * in path order.
	 */
	static String revisionOf(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			// A Kubernetes ConfigMap mount holds each file twice: a link at the top and
			// the data in a "..timestamp" folder; only the links count.
			for (Path file : files.filter(Files::isRegularFile)
				.filter(file -> !folder.relativize(file).toString().startsWith(".."))
				.sorted()
				.toList()) {
				digest.update(folder.relativize(file).toString().getBytes());
				digest.update((byte) 0);
				digest.update(Files.readAllBytes(file));
			}
			return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + folder, e);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
