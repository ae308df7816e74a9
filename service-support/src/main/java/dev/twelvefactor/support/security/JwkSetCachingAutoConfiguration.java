package dev.twelvefactor.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.context.annotation.Bean;

/**
 * Keeps the signing keys a servlet resource server fetched from auth-service until a
 * token names a key it does not know.
 * <p>
 * Left to its defaults, the {@code JwtDecoder} Spring Boot builds keeps the key set for
 * five minutes, then fetches it again on the request thread that finds it expired, under
 * a lock every other request waits for, with 500 ms timeouts. Each instance thus depends
 * on auth-service answering fast every five minutes: measured in the rolling restart, a
 * busy auth-service made that fetch time out, every request queued behind the lock, and
 * order-service answered nothing for 8 s. With a cache of its own (a map that never
 * expires) Spring Security fetches the set once and again only for an unknown key id,
 * which is how a key rotation shows up; auth-service's keys are stable across restarts
 * (the key file), so nothing else ever needs a fetch.
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(JwkSetUriJwtDecoderBuilderCustomizer.class)
public class JwkSetCachingAutoConfiguration {

	/** The cache's name, as it shows in a heap dump or a debugger. */
	static final String CACHE_NAME = "jwk-set";

	@Bean
	JwkSetUriJwtDecoderBuilderCustomizer keepJwkSetUntilAnUnknownKeyId() {
		return (builder) -> builder.cache(new ConcurrentMapCache(CACHE_NAME));
	}

}
