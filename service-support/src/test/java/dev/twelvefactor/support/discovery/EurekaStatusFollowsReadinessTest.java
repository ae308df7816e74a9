package dev.twelvefactor.support.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class EurekaStatusFollowsReadinessTest {

    final ApplicationInfoManager eureka = mock(ApplicationInfoManager.class);
    final EurekaStatusFollowsReadiness listener = new EurekaStatusFollowsReadiness(eureka);

    @Test
    void upOnlyOnceTheApplicationAcceptsTraffic() {
        listener.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));

        verify(eureka).setInstanceStatus(InstanceStatus.UP);
    }

    @Test
    void outOfServiceAsSoonAsItRefusesTraffic() {
        listener.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));

        verify(eureka).setInstanceStatus(InstanceStatus.OUT_OF_SERVICE);
    }
}
