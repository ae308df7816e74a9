package dev.twelvefactor.support.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import dev.twelvefactor.support.config.PlatformProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaRegistration;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaServiceRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration;
import org.springframework.context.annotation.Bean;

@AutoConfiguration(after = EurekaClientAutoConfiguration.class)
@ConditionalOnClass(ApplicationInfoManager.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class DiscoveryAutoConfiguration {

	/**
	 * Only for instances that register: not the Eureka server itself, not admin
	 * processes.
	 */
	@Bean
	@ConditionalOnBean(ApplicationInfoManager.class)
	@ConditionalOnProperty(name = "eureka.client.register-with-eureka", matchIfMissing = true)
	EurekaStatusFollowsReadiness eurekaStatusFollowsReadiness(ApplicationInfoManager applicationInfoManager,
			ApplicationAvailability availability, PlatformProperties platform,
			ObjectProvider<EurekaServiceRegistry> registry, ObjectProvider<EurekaRegistration> registration) {
		return new EurekaStatusFollowsReadiness(applicationInfoManager, availability, platform.shutdown().drainDelay(),
				new EurekaStatusFollowsReadiness.StatusOnServer() {
					@Override
					public void override(InstanceStatus status) {
						registry.getObject().setStatus(registration.getObject(), status.name());
					}

					@Override
					public void clearOverride() {
						registry.getObject().setStatus(registration.getObject(), "CANCEL_OVERRIDE");
					}
				});
	}

}
