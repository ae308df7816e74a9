package dev.twelvefactor.gateway.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterRateLimiterTest {

	@Test
	void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
		assertThat(RetryAfterRateLimiter.retryAfterSeconds(0)).isEqualTo(1);
		assertThat(RetryAfterRateLimiter.retryAfterSeconds(10_000_000)).isEqualTo(1);
		assertThat(RetryAfterRateLimiter.retryAfterSeconds(Duration.ofSeconds(1).toNanos())).isEqualTo(1);
		assertThat(RetryAfterRateLimiter.retryAfterSeconds(Duration.ofMillis(1001).toNanos())).isEqualTo(2);
		assertThat(RetryAfterRateLimiter.retryAfterSeconds(Long.MAX_VALUE)).isPositive();
	}

}
