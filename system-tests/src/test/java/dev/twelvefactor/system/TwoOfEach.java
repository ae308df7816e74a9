package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static dev.twelvefactor.system.SharedPlatform.alive;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape the fault and stress scenarios run on: two instances each of order-service
 * and inventory-service (one of two can fail while the other serves), every product well
 * stocked. Test classes that run on it say so with {@link RunsOnTwoOfEach}; the shape
 * stays while such classes follow one another (scaling out again, with a warm-up for the
 * new instances' JIT, costs a minute), and {@link SharedPlatform} scales back to what the
 * other tests found before the first class that does not.
 */
final class TwoOfEach {

	static final List<Service> SCALED = List.of(Service.ORDER, Service.INVENTORY);

	/** Long enough for the JIT of the instances just started to compile the hot paths. */
	static final Duration WARM_UP = Duration.ofSeconds(20);

	/** The shape set up now, if any. */
	private static TwoOfEach current;

	/** A test class that runs on two instances each of the business services. */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@interface RunsOnTwoOfEach {

	}

	private final Map<Service, Integer> before = new EnumMap<>(Service.class);

	/**
	 * The instances every scenario starts with: those serving once the scenarios' shape
	 * is set up, not an instance another test class stopped on purpose (a third
	 * order-service instance, starting with a cold JIT, would be a different scenario on
	 * 2 cores).
	 */
	private final List<ServiceInstance> serving = new ArrayList<>();

	private TwoOfEach() {
	}

	/**
	 * The shape, set up unless the class before set it up already; every product
	 * restocked either way.
	 */
	static synchronized TwoOfEach scaleOutAndRestock(LocalPlatform platform) throws Exception {
		if (current != null) {
			current.restartStopped(platform);
			restock(platform);
			return current;
		}
		TwoOfEach scaled = new TwoOfEach();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Service service : SCALED) {
				scaled.before.put(service, alive(platform, service).size());
				for (int i = alive(platform, service).size(); i < 2; i++) {
					executor.submit(() -> platform.scaleOut(service));
				}
			}
		}
		restock(platform);
		for (Service service : Service.values()) {
			scaled.serving.addAll(alive(platform, service));
		}
		UnderLoad.warmUp(platform, WARM_UP);
		current = scaled;
		return scaled;
	}

	/** Back to the instances the run had before the shape was set up, if it was. */
	static synchronized void scaleBackInIfScaled(LocalPlatform platform) {
		if (current != null) {
			current.scaleBackIn(platform);
			current = null;
		}
	}

	private static void restock(LocalPlatform platform) {
		List<String> restock = new ArrayList<>(List.of("restock"));
		for (String sku : List.of("KB-001", "MS-002", "MN-003", "HS-004", "CB-005", "DK-006")) {
			restock.addAll(List.of(sku, "3000"));
		}
		assertThat(platform.runAdminTask(Service.INVENTORY, restock).exitCode()).isZero();
	}

	/** Starts again every instance of the scenarios' shape that a scenario stopped. */
	void restartStopped(LocalPlatform platform) {
		serving.stream().filter(instance -> !instance.isAlive()).forEach(platform::restart);
	}

	private void scaleBackIn(LocalPlatform platform) {
		platform.faults().thawAll();
		for (Service service : SCALED) {
			while (alive(platform, service).size() > before.getOrDefault(service, 1)) {
				platform.scaleIn(service);
			}
		}
	}

}
