package dev.twelvefactor.config.revision;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The folder config-service serves ({@code platform.config-repo.*}), beside the
 * {@code platform.*} settings every service shares (service-support's
 * {@code PlatformProperties}).
 *
 * @param path the folder the native backend serves (CONFIG_REPO_PATH); a String, because
 * Spring would convert a Path as a resource, and "../x" is not one
 * @param revisionInterval how often the folder's revision is recomputed
 */
@ConfigurationProperties("platform.config-repo")
public record ConfigRepoProperties(String path, @DefaultValue("2s") Duration revisionInterval) {
}
