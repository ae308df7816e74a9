package dev.twelvefactor.support.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

import java.time.Duration;

/**
 * Makes an instance's status in Eureka follow its readiness state, so clients route to it
 * only while it accepts traffic. With {@code eureka.instance.initial-status: STARTING}
 * the instance registers as STARTING, turns UP when the application is ready, and
 * OUT_OF_SERVICE as soon as it refuses traffic: when it begins to shut down, or when a
 * readiness check fails. Spring Cloud's own health-check propagation would instead wait
 * for the next replication interval and mix in liveness.
 * <p>
 * A configuration refresh ({@code /actuator/refresh}) rebuilds the Eureka client, which
 * registers again with the initial status; the status is then set again from the current
 * readiness, or a refreshed instance would stay STARTING, registered but never routed to.
 * <p>
 * Going out of service is also set on the Eureka server as an override status (PUT
 * .../status), at once: the status a client re-registers with does not replace an UP
 * lease on the server (its LeaseExistsRule lets the server "have its way"), and the
 * client's on-demand updates are rate limited, so the change could otherwise reach
 * callers only when the instance deregisters, after it stopped serving. Coming back into
 * service clears the override. The server drops an override when the lease ends
 * (deregistration or eviction), so a restarted instance with the same id starts clean.
 * <p>
 * On shutdown the order is: OUT_OF_SERVICE in Eureka, then wait
 * {@code platform.shutdown.drain-delay} (the callers' registry fetch interval plus a
 * margin) while still serving, so that callers stop sending requests before the web
 * server stops accepting them; then the graceful shutdown drains what is in flight.
 */
public class EurekaStatusFollowsReadiness implements ApplicationListener<ApplicationEvent> {

	private static final Logger log = LoggerFactory.getLogger(EurekaStatusFollowsReadiness.class);

	private final ApplicationInfoManager applicationInfoManager;

	private final ApplicationAvailability availability;

	private final Duration drainDelay;

	private final StatusOnServer statusOnServer;

	/**
	 * Whether this instance was ever UP, so callers may have it in their registry copies.
	 */
	private volatile boolean routedTo;

	private volatile boolean overriddenOnServer;

	/**
	 * The status the Eureka server holds for this instance, over whatever its
	 * registrations say.
	 */
	public interface StatusOnServer {

		void override(InstanceStatus status);

		void clearOverride();

	}

	public EurekaStatusFollowsReadiness(ApplicationInfoManager applicationInfoManager,
			ApplicationAvailability availability, Duration drainDelay, StatusOnServer statusOnServer) {
		this.applicationInfoManager = applicationInfoManager;
		this.availability = availability;
		this.drainDelay = drainDelay;
		this.statusOnServer = statusOnServer;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof AvailabilityChangeEvent<?> change
				&& change.getState() instanceof ReadinessState readiness) {
			follow(readiness);
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext().getParent() == null
				&& routedTo) {
			// Spring Boot has already published REFUSING_TRAFFIC by now (its context does
			// before this event), so the status is OUT_OF_SERVICE already; what matters
			// is that callers may still be sending requests.
			follow(ReadinessState.REFUSING_TRAFFIC);
			waitForCallersToNotice();
		}
		else if (event instanceof InstanceRegisteredEvent<?>
				&& availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
			follow(ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	private void waitForCallersToNotice() {
		log.info("Out of service; still serving for {} while callers refresh their registry", drainDelay);
		try {
			Thread.sleep(drainDelay);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private void follow(ReadinessState readiness) {
		InstanceStatus status = readiness == ReadinessState.ACCEPTING_TRAFFIC ? InstanceStatus.UP
				: InstanceStatus.OUT_OF_SERVICE;
		routedTo |= status == InstanceStatus.UP;
		log.info("Readiness is {}: status in Eureka becomes {}", readiness, status);
		applicationInfoManager.setInstanceStatus(status);
		try {
			if (status == InstanceStatus.OUT_OF_SERVICE && routedTo && !overriddenOnServer) {
				statusOnServer.override(InstanceStatus.OUT_OF_SERVICE);
				overriddenOnServer = true;
			}
			else if (status == InstanceStatus.UP && overriddenOnServer) {
				statusOnServer.clearOverride();
				overriddenOnServer = false;
			}
		}
		catch (RuntimeException unreachable) {
			// The Eureka server may be away; the registration and heartbeats carry the
			// status later.
			log.warn("Could not set status {} on the Eureka server: {}", status, unreachable.getMessage());
		}
	}

}
