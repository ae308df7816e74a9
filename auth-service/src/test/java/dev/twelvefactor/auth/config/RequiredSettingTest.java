package dev.twelvefactor.auth.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiredSettingTest {

	@Test
	void aSetValueIsReturned() {
		assertThat(RequiredSetting.require("{noop}s3cret", "key")).isEqualTo("{noop}s3cret");
	}

	@Test
	void aMissingValueIsNotSet() {
		assertThatThrownBy(() -> RequiredSetting.require(null, "some.key")).hasMessage("some.key is not set");
	}

	@Test
	void anUnresolvedPlaceholderNamesTheVariable() {
		assertThatThrownBy(() -> RequiredSetting.require("{noop}${SOME_SECRET}", "some.key"))
			.hasMessage("some.key is not set: the deployment must set the environment variable SOME_SECRET");
	}

	@Test
	void anEmptyValueIsRefusedAlsoBehindAnEncoderPrefix() {
		assertThatThrownBy(() -> RequiredSetting.require(" ", "some.key")).hasMessageContaining("is empty");
		assertThatThrownBy(() -> RequiredSetting.require("{noop}", "some.key")).hasMessageContaining("is empty");
	}

}
