package dev.twelvefactor.support.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

@AutoConfiguration(after = EurekaClientAutoConfiguration.class)
@ConditionalOnClass(ApplicationInfoManager.class)
public class DiscoveryAutoConfiguration {

    /** Only for instances that register: not the Eureka server itself, not admin processes. */
    @Bean
    @ConditionalOnBean(ApplicationInfoManager.class)
    @ConditionalOnProperty(name = "eureka.client.register-with-eureka", matchIfMissing = true)
    EurekaStatusFollowsReadiness eurekaStatusFollowsReadiness(ApplicationInfoManager applicationInfoManager,
                                                              ApplicationAvailability availability,
                                                              @Value("${platform.shutdown.drain-delay:5s}") Duration drainDelay) {
        return new EurekaStatusFollowsReadiness(applicationInfoManager, availability, drainDelay);
    }
}
