package dev.twelvefactor.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No password has a fallback: a service whose deployment forgot one does not start. The
 * configuration maps {@code ${MONITORING_PASSWORD}}, which Spring leaves as it is when
 * the variable is missing; that must not become the password.
 */
class MissingPasswordTest {

	@Test
	void anUnsetVariableStopsTheService() {
		assertThat(System.getenv("PLATFORM_TEST_UNSET_PASSWORD")).isNull();

		assertThatThrownBy(() -> start(Map.of("platform.security.monitoring-password",
				"${PLATFORM_TEST_UNSET_PASSWORD}", "platform.security.admin-password", "a")))
			.satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
				.isEqualTo("platform.security.monitoring-password is not set: "
						+ "the deployment must set the environment variable MONITORING_PASSWORD"));
	}

	@Test
	void aMissingKeyStopsTheServiceToo() {
		assertThatThrownBy(() -> start(Map.of("platform.security.monitoring-password", "m")))
			.satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
				.contains("ADMIN_PASSWORD"));
	}

	private static void start(Map<String, Object> passwords) {
		new SpringApplicationBuilder(Application.class).web(WebApplicationType.SERVLET)
			.properties(Map.of("server.port", "0", "management.server.port", "0", "eureka.client.enabled", "false",
					"spring.cloud.config.enabled", "false", "spring.cloud.discovery.enabled", "false",
					"spring.main.banner-mode", "off"))
			.properties(passwords)
			.run()
			.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
