package dev.twelvefactor.launcher.orchestration;

import dev.twelvefactor.launcher.PlatformOptions;
import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.launcher.data.DataFolder;
import dev.twelvefactor.launcher.environment.InstanceEnvironment;
import dev.twelvefactor.launcher.net.Ports;
import dev.twelvefactor.launcher.process.Launch;
import dev.twelvefactor.launcher.process.LaunchCommand;
import dev.twelvefactor.launcher.process.ServiceInstance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

	/** The ports of each service's first instance, [port, management], once chosen. */
	private final Map<Service, int[]> reserved = new ConcurrentHashMap<>();

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
	 * Makes {@code counts} instances of each of {@code services}, to be started together.
	 * Their ports are chosen before any is made: an instance's environment is fixed when
	 * it is made, and services started together name each other in it (the gateway,
	 * order-service and inventory-service get auth-service's address, auth-service the
	 * gateway's, the tokens' issuer).
	 */
	List<ServiceInstance> addGroup(List<Service> services, Map<Service, Integer> counts,
			InstanceEnvironment environment) {
		for (Service service : services) {
			reserved.computeIfAbsent(service, this::choosePorts);
		}
		List<ServiceInstance> group = new ArrayList<>();
		for (Service service : services) {
			for (int i = 0; i < counts.get(service); i++) {
				group.add(add(service, Launch.TUNED, environment));
			}
		}
		return group;
	}

	/**
	 * The first instance of a service gets its well-known ports for a user, every other
	 * one free ports.
	 */
	ServiceInstance add(Service service, Launch launch, InstanceEnvironment environment) {
		return add(service, launch, environment, Map.of());
	}

	/**
	 * An instance whose environment differs from the others' in {@code overrides}: a
	 * benchmark's variant of a service beside the real one.
	 */
	ServiceInstance add(Service service, Launch launch, InstanceEnvironment environment,
			Map<String, String> overrides) {
		List<ServiceInstance> existing = instances.get(service);
		int index = existing.size() + 1;
		int[] ports = index > 1 ? new int[] { Ports.free(), Ports.free() }
				: reserved.computeIfAbsent(service, this::choosePorts);
		String name = service.applicationName() + "-" + index;
		Map<String, String> variables = new LinkedHashMap<>(environment.of(service, ports[0], ports[1]));
		variables.putAll(overrides);
		ServiceInstance instance = new ServiceInstance(service, index, ports[0], ports[1],
				launchCommand.of(service, launch), variables, options.home(), dataFolder.logFileOf(name),
				dataFolder.pidFileOf(name));
		existing.add(instance);
		return instance;
	}

	private int[] choosePorts(Service service) {
		return options.fixedPorts() ? new int[] { service.defaultPort(), service.defaultManagementPort() }
				: new int[] { Ports.free(), Ports.free() };
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
	 * The first instance's URL; before it exists, the one reserved for it, else (a
	 * platform attached to from another process) the well-known one.
	 */
	String firstUrl(Service service) {
		List<ServiceInstance> all = instances.get(service);
		if (!all.isEmpty()) {
			return all.getFirst().url();
		}
		int[] ports = reserved.get(service);
		return "http://127.0.0.1:" + (ports == null ? service.defaultPort() : ports[0]);
	}

	/**
	 * Stops every running instance in reverse order of dependency: the entry point first,
	 * discovery last.
	 */
	void stopAll(Consumer<ServiceInstance> stop) {
		// auth-service after the services that fetch tokens from it, also while they
		// stop.
		List<List<Service>> waves = List.of(List.of(Service.GATEWAY), List.of(Service.ORDER, Service.INVENTORY),
				List.of(Service.AUTH, Service.CONFIG, Service.DISCOVERY));
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
