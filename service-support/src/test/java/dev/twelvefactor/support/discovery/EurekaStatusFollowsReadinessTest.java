package dev.twelvefactor.support.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import java.time.Duration;
import org.springframework.boot.availability.ReadinessState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verify;

class EurekaStatusFollowsReadinessTest {

	final ApplicationInfoManager eureka = mock(ApplicationInfoManager.class);

	final ApplicationAvailability availability = mock(ApplicationAvailability.class);

	final EurekaStatusFollowsReadiness.StatusOnServer server = mock(EurekaStatusFollowsReadiness.StatusOnServer.class);

	final EurekaStatusFollowsReadiness listener = new EurekaStatusFollowsReadiness(eureka, availability,
			Duration.ofMillis(200), server);

	@Test
	void upOnlyOnceTheApplicationAcceptsTraffic() {
		listener.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));

		verify(eureka).setInstanceStatus(InstanceStatus.UP);
	}

	@Test
	void aReadyInstanceRegisteredAgainAfterARefreshIsUpAgain() {
		given(availability.getReadinessState()).willReturn(ReadinessState.ACCEPTING_TRAFFIC);

		listener.onApplicationEvent(new InstanceRegisteredEvent<>(this, new Object()));

		verify(eureka).setInstanceStatus(InstanceStatus.UP);
	}

	@Test
	void anInstanceRegisteredWhileStartingStaysAsItRegistered() {
		given(availability.getReadinessState()).willReturn(ReadinessState.REFUSING_TRAFFIC);

		listener.onApplicationEvent(new InstanceRegisteredEvent<>(this, new Object()));

		verifyNoInteractions(eureka);
	}

	@Test
	void onShutdownAnInstanceThatWasUpKeepsServingWhileCallersNotice() {
		ApplicationContext context = mock(ApplicationContext.class);
		listener.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));

		// What Spring Boot publishes when the context closes, in this order.
		long started = System.nanoTime();
		listener.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
		listener.onApplicationEvent(new ContextClosedEvent(context));

		verify(eureka, atLeastOnce()).setInstanceStatus(InstanceStatus.OUT_OF_SERVICE);
		// Once on the server, at once: a re-registration would not replace the UP lease.
		verify(server, times(1)).override(InstanceStatus.OUT_OF_SERVICE);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@Test
	void backInServiceAfterARefusalClearsTheOverrideOnTheServer() {
		listener.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
		listener.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
		listener.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));

		verify(server).override(InstanceStatus.OUT_OF_SERVICE);
		verify(server).clearOverride();
	}

	@Test
	void anInstanceThatNeverWasUpStopsWithoutWaiting() {
		long started = System.nanoTime();
		listener.onApplicationEvent(new ContextClosedEvent(mock(ApplicationContext.class)));

		verifyNoInteractions(eureka);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
	}

	@Test
	void outOfServiceAsSoonAsItRefusesTraffic() {
		listener.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));

		verify(eureka).setInstanceStatus(InstanceStatus.OUT_OF_SERVICE);
	}

}
