package dev.twelvefactor.system;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.orchestration.LocalPlatform;
import dev.twelvefactor.launcher.process.ServiceInstance;

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
 * stocked. Scaled back to what the other tests of the run found once they end.
 */
final class TwoOfEach {

	static final List<Service> SCALED = List.of(Service.ORDER, Service.INVENTORY);

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

	static TwoOfEach scaleOutAndRestock(LocalPlatform platform) throws Exception {
		TwoOfEach scaled = new TwoOfEach();
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Service service : SCALED) {
				scaled.before.put(service, alive(platform, service).size());
				for (int i = alive(platform, service).size(); i < 2; i++) {
					executor.submit(() -> platform.scaleOut(service));
				}
			}
		}
		List<String> restock = new ArrayList<>(List.of("restock"));
		for (String sku : List.of("KB-001", "MS-002", "MN-003", "HS-004", "CB-005", "DK-006")) {
			restock.addAll(List.of(sku, "3000"));
		}
		assertThat(platform.runAdminTask(Service.INVENTORY, restock).exitCode()).isZero();
		for (Service service : Service.values()) {
			scaled.serving.addAll(alive(platform, service));
		}
		return scaled;
	}

	/** Starts again every instance of the scenarios' shape that a scenario stopped. */
	void restartStopped(LocalPlatform platform) {
		serving.stream().filter(instance -> !instance.isAlive()).forEach(platform::restart);
	}

	void scaleBackIn(LocalPlatform platform) {
		platform.faults().thawAll();
		for (Service service : SCALED) {
			while (alive(platform, service).size() > before.getOrDefault(service, 1)) {
				platform.scaleIn(service);
			}
		}
	}

}
