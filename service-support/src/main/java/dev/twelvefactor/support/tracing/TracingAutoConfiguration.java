package dev.twelvefactor.support.tracing;

import io.micrometer.tracing.exporter.SpanExportingPredicate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * For the services that trace (those with Micrometer Tracing on their class path): only
 * the spans of client requests are exported ({@link RequestSpansOnly}).
 */
@AutoConfiguration
@ConditionalOnClass(SpanExportingPredicate.class)
public class TracingAutoConfiguration {

	@Bean
	SpanExportingPredicate requestSpansOnly() {
		return new RequestSpansOnly();
	}

}
