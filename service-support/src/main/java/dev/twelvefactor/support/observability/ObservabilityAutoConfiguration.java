package dev.twelvefactor.support.observability;

import dev.twelvefactor.support.config.PlatformProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/**
 * The platform's own meters, for what no stock Spring, Micrometer or Resilience4j meter
 * records.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class ObservabilityAutoConfiguration {

	@Bean
	BuildInfoMetrics buildInfoMetrics(ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git,
			PlatformProperties platform) {
		return new BuildInfoMetrics(build.getIfAvailable(), git.getIfAvailable(), platform.release());
	}

	@Bean
	Pushgateway pushgateway(PlatformProperties platform) {
		return new Pushgateway(platform.pushgatewayUrl());
	}

	@Bean
	@ConditionalOnWebApplication
	ShutdownDurationReporter shutdownDurationReporter(Pushgateway pushgateway, Environment environment) {
		return new ShutdownDurationReporter(pushgateway, environment.getProperty("spring.application.name", "unknown"),
				() -> {
					String address = environment.getProperty("eureka.instance.ip-address");
					if (address == null || address.isBlank()) {
						address = environment.getProperty("spring.cloud.client.ip-address", "unknown");
					}
					return address + ":" + environment.getProperty("local.server.port", "0");
				});
	}

	/**
	 * Spring Security observes nothing: with an observation registry it would wrap every
	 * filter chain, authentication and authorization in an observation of its own (a span
	 * per filter chain in every service, on every request). A request's trace shows where
	 * its time goes (routing, the service, its SQL and calls), not Spring Security's
	 * internals; and turned off by this bean, unlike by
	 * {@code management.observations.enable}, the wrappers are not even created: they
	 * were a measurable share of the gateway's CPU per request.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SecurityObservationSettings.class)
	static class SecurityObservations {

		@Bean
		SecurityObservationSettings noSecurityObservations() {
			return SecurityObservationSettings.noObservations();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DataSource.class)
	@ConditionalOnBean(DataSource.class)
	static class DatabaseInfo {

		@Bean
		DatabaseInfoMetrics databaseInfoMetrics(DataSource dataSource) {
			return new DatabaseInfoMetrics(dataSource);
		}

	}

	/**
	 * Only where configuration comes from config-service (which reported a version) and
	 * can be refreshed live.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = ConfigRevisionMetrics.VERSION_PROPERTY)
	@ConditionalOnClass(name = { "org.springframework.cloud.config.client.ConfigClientProperties",
			"org.springframework.cloud.context.environment.EnvironmentChangeEvent" })
	static class ConfigRevision {

		@Bean
		ConfigRevisionMetrics configRevisionMetrics(Environment environment, MeterRegistry registry) {
			return new ConfigRevisionMetrics(environment, registry);
		}

	}

}
