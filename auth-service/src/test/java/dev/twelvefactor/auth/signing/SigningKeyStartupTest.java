package dev.twelvefactor.auth.signing;

import dev.twelvefactor.auth.config.AuthProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key is read while the context starts, so an instance without it never starts, and
 * says why.
 */
class SigningKeyStartupTest {

	@TempDir
	Path dir;

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(SigningKeyConfiguration.class, Properties.class);

	@Test
	void aMissingKeyFileStopsTheStartWithAnAnalysis() {
		Path missing = dir.resolve("missing.pem");

		contexts.withPropertyValues("auth.signing-key-path=" + missing).run(context -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new SigningKeyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as("analysis of " + context.getStartupFailure()).isNotNull();
			assertThat(analysis.getCause()).isInstanceOf(SigningKeyException.class)
				.hasMessageContaining(missing.toString());
			assertThat(analysis.getDescription()).contains("does not exist");
			assertThat(analysis.getAction()).contains("AUTH_SIGNING_KEY_PATH");
		});
	}

	@Test
	void aReadableKeyIsTheKeySet() {
		Path file = TestSigningKeys.writeRsaKey(dir.resolve("key.pem"));

		contexts.withPropertyValues("auth.signing-key-path=" + file).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("jwkSource").hasBean("jwtDecoder");
		});
	}

	@EnableConfigurationProperties(AuthProperties.class)
	static class Properties {

	}

}
