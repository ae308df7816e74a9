package dev.twelvefactor.config.revision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * config-service's own {@code platform.*} settings, beside those every service shares
 * (service-support's {@code PlatformProperties}).
 *
 * @param configRepoPath the folder the native backend serves (CONFIG_REPO_PATH); a
 * String, because Spring would convert a Path as a resource, and "../x" is not one
 * @param configRevisionInterval how often the folder's revision is recomputed
 */
@ConfigurationProperties("platform")
public record ConfigRepoProperties(String configRepoPath, @DefaultValue("2s") Duration configRevisionInterval) {
}
