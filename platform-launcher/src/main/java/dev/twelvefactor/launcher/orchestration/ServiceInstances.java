package dev.twelvefactor.launcher.orchestration;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.data.DataFolder;
import dev.twelvefactor.launcher.environment.InstanceEnvironment;
import dev.twelvefactor.launcher.net.Ports;
import dev.twelvefactor.launcher.process.Launch;
import dev.twelvefactor.launcher.process.LaunchCommand;
import dev.twelvefactor.launcher.process.ServiceInstance;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Every instance the platform has made of each service, stopped ones too, in the order
 * they were made, and how a new one is made: its ports, its command line, its
 * environment, its log and pid files.
 */
final class ServiceInstances {

	private final Map<Service, List<ServiceInstance>> instances = new EnumMap<>(Service.class);

	private final PlatformOptions options;

	private final DataFolder dataFolder;

	private final LaunchCommand launchCommand;

	ServiceInstances(PlatformOptions options, DataFolder dataFolder, LaunchCommand launchCommand) {
		this.options = options;
		this.dataFolder = dataFolder;
		this.launchCommand = launchCommand;
		for (Service service : Service.values()) {
			// Written while the readiness checks of other instances read it.
			instances.put(service, new CopyOnWriteArrayList<>());
		}
	}

	/**
	 * The first instance of a service gets its well-known ports for a user, every other
	 * one free ports.
	 */
	ServiceInstance add(Service service, Launch launch, InstanceEnvironment environment) {
		List<ServiceInstance> existing = instances.get(service);
		int index = existing.size() + 1;
		boolean defaultPorts = options.fixedPorts() && index == 1;
		int port = defaultPorts ? service.defaultPort() : Ports.free();
		int managementPort = defaultPorts ? service.defaultManagementPort() : Ports.free();
		String name = service.applicationName() + "-" + index;
		ServiceInstance instance = new ServiceInstance(service, index, port, managementPort,
				launchCommand.of(service, launch), environment.of(service, port, managementPort), options.home(),
				dataFolder.logFileOf(name), dataFolder.pidFileOf(name));
		existing.add(instance);
		return instance;
	}

	void remove(ServiceInstance instance) {
		instances.get(instance.service()).remove(instance);
	}

	/** The live list, as the readiness policy reads it. */
	List<ServiceInstance> of(Service service) {
		return instances.get(service);
	}

	List<ServiceInstance> running(Service service) {
		return instances.get(service).stream().filter(ServiceInstance::isAlive).toList();
	}

	/**
	 * The first instance's URL; before it exists (a platform attached to from another
	 * process), the well-known one.
	 */
	String firstUrl(Service service) {
		List<ServiceInstance> all = instances.get(service);
		return all.isEmpty() ? "http://127.0.0.1:" + service.defaultPort() : all.getFirst().url();
	}

	/**
	 * Stops every running instance in reverse order of dependency: the entry point first,
	 * discovery last.
	 */
	void stopAll(Consumer<ServiceInstance> stop) {
		List<List<Service>> waves = List.of(List.of(Service.GATEWAY), List.of(Service.ORDER, Service.INVENTORY),
				List.of(Service.CONFIG, Service.DISCOVERY));
		for (List<Service> wave : waves) {
			// One wave at a time, its instances in parallel: a graceful stop takes
			// seconds each.
			try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
				wave.stream()
					.flatMap(service -> instances.get(service).stream())
					.filter(ServiceInstance::isAlive)
					.forEach(instance -> executor.submit(() -> stop.accept(instance)));
			}
		}
	}

}
