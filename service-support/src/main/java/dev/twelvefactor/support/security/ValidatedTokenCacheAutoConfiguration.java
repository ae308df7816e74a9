package dev.twelvefactor.support.security;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Puts {@link ValidatedTokens} in front of the token decoder of every resource server,
 * servlet ({@link JwtDecoder}) or reactive ({@link ReactiveJwtDecoder}, the gateway),
 * whichever way it was built (Spring Boot's from {@code spring.security.oauth2.*}, or a
 * service's own): the decoder still validates every token the first time. Off with
 * {@code platform.security.validated-tokens.maximum-size=0}. Meters:
 * {@code cache_gets_total{cache="validated-tokens",result="hit|miss"}}, evictions, size.
 */
@AutoConfiguration
@ConditionalOnClass({ JwtDecoder.class, Caffeine.class })
@ConditionalOnExpression("${platform.security.validated-tokens.maximum-size:"
		+ ValidatedTokenProperties.DEFAULT_MAXIMUM_SIZE + "} > 0")
@EnableConfigurationProperties(ValidatedTokenProperties.class)
public class ValidatedTokenCacheAutoConfiguration {

	/** The cache's name in its meters. */
	static final String CACHE_NAME = "validated-tokens";

	@Bean
	ValidatedTokens validatedTokens(ValidatedTokenProperties properties) {
		return new ValidatedTokens(properties, Clock.systemUTC());
	}

	@Bean
	MeterBinder validatedTokensMetrics(ValidatedTokens tokens) {
		return (registry) -> CaffeineCacheMetrics.monitor(registry, tokens.cache(), CACHE_NAME);
	}

	/**
	 * Static, as a post-processor must be; it looks the cache up only when a decoder is
	 * created, so that neither is created early.
	 */
	@Bean
	static BeanPostProcessor cachingJwtDecoders(ObjectProvider<ValidatedTokens> tokens) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
					return new CachingJwtDecoder(decoder, tokens.getObject());
				}
				if (bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof CachingReactiveJwtDecoder)) {
					return new CachingReactiveJwtDecoder(decoder, tokens.getObject());
				}
				return bean;
			}

		};
	}

}
