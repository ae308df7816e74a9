package dev.twelvefactor.gateway.ratelimit;

import dev.twelvefactor.gateway.observability.GatewayRefusals;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The RequestRateLimiter filter's rate limiter and key resolver (config-repo's
 * gateway-service.yml applies the filter to every route, with the limits). The buckets
 * live in this instance's memory: with several gateway instances a client gets the limit
 * from each, which is what a per-instance protection needs.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	/**
	 * Clients whose buckets are kept at once; the least recently used one is dropped
	 * beyond it (it starts full again, as after a pause).
	 */
	static final long MAX_CLIENTS = 100_000;

	/**
	 * Spring Cloud Gateway's Bucket4jRateLimiter, with Retry-After. Its bucket store is
	 * deliberately no bean: given an AsyncProxyManager bean, Spring Cloud Gateway would
	 * create a second Bucket4jRateLimiter beside this one.
	 */
	@Bean
	RetryAfterRateLimiter rateLimiter(ConfigurationService configurationService, GatewayRefusals refusals) {
		AsyncProxyManager<String> buckets = Bucket4jCaffeine
			.<String>builderFor(Caffeine.newBuilder().maximumSize(MAX_CLIENTS))
			// A bucket that has refilled completely is as good as a new one: forget it a
			// little after.
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build()
			.asAsync();
		return new RetryAfterRateLimiter(buckets, configurationService, refusals);
	}

	@Bean
	ClientKeyResolver clientKeyResolver(GatewayProperties gateway) {
		return new ClientKeyResolver(gateway.getTrustedProxies());
	}

}
