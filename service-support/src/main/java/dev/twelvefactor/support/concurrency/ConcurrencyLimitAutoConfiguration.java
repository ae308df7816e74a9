package dev.twelvefactor.support.concurrency;

import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The adaptive concurrency limit of every servlet service, on its main port
 * ({@code platform.concurrency-limit.*}, {@link ConcurrencyLimitProperties}).
 * <p>
 * Management (actuator) has a port of its own in every service, served by a child context
 * that registers none of these beans: probes and scrapes are never limited. A service
 * that keeps management on the main port gets its actuator path left out instead.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(FilterRegistrationBean.class)
@ConditionalOnBooleanProperty(name = "platform.concurrency-limit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConcurrencyLimitProperties.class)
public class ConcurrencyLimitAutoConfiguration {

	/**
	 * After the observation filter (HIGHEST_PRECEDENCE + 1), so refusals show in
	 * {@code http_server_requests} as 503s; before everything that costs: the request
	 * size check, security (a token's signature), Spring MVC.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

	@Bean
	FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilter(ConcurrencyLimitProperties properties,
			Environment environment) {
		FilterRegistrationBean<ConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(
				new ConcurrencyLimitFilter(AdaptiveLimiter.create(properties), sharedManagementPath(environment)));
		registration.setOrder(ORDER);
		// Once per request: not again for its error page or async dispatches (the
		// permit is held until the async request completes).
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	/**
	 * Actuator's base path when management is served on the main port; else null. The
	 * same rule as Spring Boot's ManagementPortType (which is in the optional actuator
	 * jar): no management port, or the server's own (0 means a random port of its own).
	 */
	static String sharedManagementPath(Environment environment) {
		Integer management = environment.getProperty("management.server.port", Integer.class);
		Integer server = environment.getProperty("server.port", Integer.class);
		boolean shared = management == null || (server == null && management == 8080)
				|| (management != 0 && management.equals(server));
		if (!shared) {
			return null;
		}
		String servletPath = environment.getProperty("spring.mvc.servlet.path", "/");
		String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		return (servletPath.endsWith("/") ? servletPath.substring(0, servletPath.length() - 1) : servletPath)
				+ basePath;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class Metrics {

		@Bean
		MeterBinder concurrencyLimitMetrics(FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilter) {
			return new ConcurrencyLimitMetrics(concurrencyLimitFilter.getFilter());
		}

	}

}
