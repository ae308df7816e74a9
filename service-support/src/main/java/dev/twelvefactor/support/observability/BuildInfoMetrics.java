package dev.twelvefactor.support.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;

/**
 * {@code platform_build_info{version, git_commit, release} 1} for every instance: which
 * build (factor I: one codebase, many deploys) runs as which release (factor V: build,
 * release, run are separate stages).
 */
public class BuildInfoMetrics implements MeterBinder {

	private final BuildProperties build;

	private final GitProperties git;

	private final String release;

	public BuildInfoMetrics(BuildProperties build, GitProperties git, String release) {
		this.build = build;
		this.git = git;
		this.release = release;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("platform.build.info", () -> 1)
			.description("The build and release this instance runs (always 1)")
			.tag("version", build != null && build.getVersion() != null ? build.getVersion() : "unknown")
			.tag("git_commit", git != null && git.getShortCommitId() != null ? git.getShortCommitId() : "unknown")
			.tag("release", release)
			.register(registry);
	}

}
