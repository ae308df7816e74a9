package dev.twelvefactor.support.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration;
import org.springframework.context.annotation.Bean;

@AutoConfiguration(after = EurekaClientAutoConfiguration.class)
@ConditionalOnClass(ApplicationInfoManager.class)
public class DiscoveryAutoConfiguration {

    @Bean
    @ConditionalOnBean(ApplicationInfoManager.class)
    EurekaStatusFollowsReadiness eurekaStatusFollowsReadiness(ApplicationInfoManager applicationInfoManager,
                                                              ApplicationAvailability availability) {
        return new EurekaStatusFollowsReadiness(applicationInfoManager, availability);
    }
}
