package dev.twelvefactor.support.concurrency;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Which settings give which filter. */
class ConcurrencyLimitSettingsTest {

	final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConcurrencyLimitAutoConfiguration.class));

	@Test
	void onByDefaultWithDefaultsThatNeedNoTuning() {
		contexts.run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(ConcurrencyLimitFilter.class);
			assertThat(registration.getOrder()).isEqualTo(ConcurrencyLimitAutoConfiguration.ORDER);
			assertThat(registration.determineDispatcherTypes()).containsExactly(DispatcherType.REQUEST);
			assertThat(((ConcurrencyLimitFilter) registration.getFilter()).limit()).isEqualTo(20);
			assertThat(context.getBean(ConcurrencyLimitProperties.class)).isEqualTo(
					new ConcurrencyLimitProperties(true, ConcurrencyLimitProperties.Algorithm.VEGAS, 20, 20, 200));
		});
	}

	@Test
	void canBeSwitchedOffOrToGradient2() {
		contexts.withPropertyValues("platform.concurrency-limit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
		contexts.withPropertyValues("platform.concurrency-limit.algorithm=gradient2")
			.run((context) -> assertThat(context.getBean(ConcurrencyLimitProperties.class).algorithm())
				.isEqualTo(ConcurrencyLimitProperties.Algorithm.GRADIENT2));
	}

	@Test
	void inconsistentBoundsStopTheService() {
		contexts.withPropertyValues("platform.concurrency-limit.min-limit=50")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void actuatorIsLeftOutOnlyWhereItSharesTheMainPort() {
		assertThat(sharedPath(new MockEnvironment())).isEqualTo("/actuator");
		assertThat(sharedPath(new MockEnvironment().withProperty("server.port", "8081")
			.withProperty("management.server.port", "8081"))).isEqualTo("/actuator");
		assertThat(sharedPath(new MockEnvironment().withProperty("management.endpoints.web.base-path", "/manage")
			.withProperty("spring.mvc.servlet.path", "/app/"))).isEqualTo("/app/manage");
		assertThat(sharedPath(new MockEnvironment().withProperty("management.server.port", "9080"))).isNull();
		assertThat(sharedPath(
				new MockEnvironment().withProperty("server.port", "0").withProperty("management.server.port", "0")))
			.as("two random ports")
			.isNull();
	}

	private static String sharedPath(MockEnvironment environment) {
		return ConcurrencyLimitAutoConfiguration.sharedManagementPath(environment);
	}

}
