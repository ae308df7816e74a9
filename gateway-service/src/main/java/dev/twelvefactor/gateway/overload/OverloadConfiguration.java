package dev.twelvefactor.gateway.overload;

import dev.twelvefactor.gateway.observability.GatewayRefusals;
import dev.twelvefactor.gateway.problem.ProblemResponses;
import dev.twelvefactor.support.concurrency.ConcurrencyLimitProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The per-route concurrency limit, with the same {@code platform.concurrency-limit.*}
 * settings as the servlet services' (applied per route, the floor per instance behind
 * it); off with {@code platform.concurrency-limit.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "platform.concurrency-limit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConcurrencyLimitProperties.class)
class OverloadConfiguration {

	@Bean
	RouteConcurrencyLimit routeConcurrencyLimit(ConcurrencyLimitProperties properties, ProblemResponses problems,
			GatewayRefusals refusals, MeterRegistry registry, DiscoveryClient discovery) {
		return new RouteConcurrencyLimit(properties, problems, refusals, registry, discovery);
	}

}
