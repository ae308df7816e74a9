package dev.twelvefactor.support.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

/**
 * Makes an instance's status in Eureka follow its readiness state, so clients route to it only while it accepts
 * traffic. With {@code eureka.instance.initial-status: STARTING} the instance registers as STARTING, turns UP
 * when the application is ready, and OUT_OF_SERVICE as soon as it refuses traffic: when it begins to shut down,
 * or when a readiness check fails. Spring Cloud's own health-check propagation would instead wait for the next
 * replication interval and mix in liveness.
 */
public class EurekaStatusFollowsReadiness implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

    private static final Logger log = LoggerFactory.getLogger(EurekaStatusFollowsReadiness.class);

    private final ApplicationInfoManager applicationInfoManager;

    public EurekaStatusFollowsReadiness(ApplicationInfoManager applicationInfoManager) {
        this.applicationInfoManager = applicationInfoManager;
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
        InstanceStatus status = event.getState() == ReadinessState.ACCEPTING_TRAFFIC
                ? InstanceStatus.UP : InstanceStatus.OUT_OF_SERVICE;
        log.info("Readiness is {}: status in Eureka becomes {}", event.getState(), status);
        // The Eureka client sends a status change to the server at once (on-demand update), not at the next heartbeat.
        applicationInfoManager.setInstanceStatus(status);
    }
}
