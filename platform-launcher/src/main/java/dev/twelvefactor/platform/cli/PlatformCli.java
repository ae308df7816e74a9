package dev.twelvefactor.platform.cli;

import dev.twelvefactor.platform.PlatformOptions;
import dev.twelvefactor.platform.Service;
import dev.twelvefactor.platform.bench.BenchCommand;
import dev.twelvefactor.platform.process.Platform;
import dev.twelvefactor.platform.process.ServiceInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./platform up [--scale SERVICE=N]... [--clean] [--data-dir DIR]} runs the platform until Ctrl-C or
 * {@code ./platform down}; both stop every process gracefully.
 */
public final class PlatformCli {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private PlatformCli() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("platform.home", ".")).toAbsolutePath().normalize();
        Deque<String> arguments = new ArrayDeque<>(List.of(args));
        String command = arguments.isEmpty() ? "help" : arguments.pop();
        int exitCode = switch (command) {
            case "up" -> up(home, arguments);
            case "down" -> down(home, arguments);
            case "admin" -> admin(home, arguments);
            case "refresh" -> admin(home, new ArrayDeque<>(List.of("config-service", "refresh-all")));
            case "load" -> load(arguments);
            case "bench" -> BenchCommand.run(home, arguments);
            default -> usage();
        };
        System.exit(exitCode);
    }

    private static int up(Path home, Deque<String> arguments) throws InterruptedException, IOException {
        PlatformOptions options = PlatformOptions.forUser(home);
        while (!arguments.isEmpty()) {
            String argument = arguments.pop();
            switch (argument) {
                case "--clean" -> options = options.withCleanStart(true);
                case "--data-dir" -> options = options.withDataDirectory(Path.of(arguments.pop()));
                case "--scale" -> {
                    String[] scale = arguments.pop().split("=", 2);
                    options = options.withInstances(Service.byName(scale[0]), Integer.parseInt(scale[1]));
                }
                default -> {
                    System.err.println("Unknown option " + argument);
                    return usage();
                }
            }
        }
        Path pidFile = launcherPidFile(options.dataDirectory());
        if (runningLauncher(pidFile) != null) {
            System.err.println("The platform is already running (launcher pid " + Files.readString(pidFile).trim()
                    + "). Stop it with ./platform down.");
            return 1;
        }
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        Platform platform = Platform.create(options, PlatformCli::print);
        CountDownLatch stopped = new CountDownLatch(1);
        // Installed before the start, so Ctrl-C or ./platform down also stop a platform still starting.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            print("Stopping the platform gracefully...");
            platform.close();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // nothing left to clean up
            }
            print("Stopped.");
            stopped.countDown();
        }));
        try {
            platform.start();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        printWelcome(platform);
        stopped.await();
        return 0;
    }

    private static void printWelcome(Platform platform) {
        StringBuilder text = new StringBuilder(System.lineSeparator());
        text.append("The platform is up. Logs: ").append(platform.options().logDirectory()).append(System.lineSeparator());
        for (Service service : Service.values()) {
            for (ServiceInstance instance : platform.instances(service)) {
                text.append("  %-20s %s   actuator %s/actuator%n".formatted(instance.name(), instance.url(),
                        instance.managementUrl()));
            }
        }
        text.append("  %-20s 127.0.0.1:%d (databases inventory, orders)%n".formatted("postgresql", platform.postgresPort()));
        platform.prometheusUrl().ifPresent(url -> text.append("  %-20s %s%n".formatted("prometheus", url)));
        platform.pushgatewayUrl().ifPresent(url -> text.append("  %-20s %s%n".formatted("pushgateway", url)));
        text.append(System.lineSeparator())
                .append("Eureka dashboard: ").append(platform.instance(Service.DISCOVERY).url()).append(System.lineSeparator())
                .append("Try:  curl -s ").append(platform.gatewayUrl()).append("/api/inventory/products")
                .append(System.lineSeparator())
                .append("Stop: Ctrl-C, or ./platform down from another terminal").append(System.lineSeparator());
        System.out.println(text);
    }

    /** Runs a one-off admin task beside the running platform, with its configuration and database. */
    private static int admin(Path home, Deque<String> arguments) throws IOException {
        if (arguments.size() < 2) {
            return usage();
        }
        PlatformOptions options = PlatformOptions.forUser(home);
        if (runningLauncher(launcherPidFile(options.dataDirectory())) == null) {
            System.err.println("The platform is not running: start it with ./platform up");
            return 1;
        }
        Service service = Service.byName(arguments.pop());
        Platform.AdminRun run = Platform.attach(options, PlatformCli::print).runAdminTask(service, List.copyOf(arguments));
        System.out.print(run.output());
        return run.exitCode();
    }

    /** Drives the running platform's public API at a fixed rate and prints what happened. */
    private static int load(Deque<String> arguments) throws InterruptedException {
        int rate = 20;
        java.time.Duration duration = java.time.Duration.ofSeconds(30);
        String target = "http://127.0.0.1:8080";
        while (!arguments.isEmpty()) {
            switch (arguments.pop()) {
                case "--rate" -> rate = Integer.parseInt(arguments.pop());
                case "--duration" -> duration = java.time.Duration.ofSeconds(Long.parseLong(arguments.pop().replace("s", "")));
                case "--target" -> target = arguments.pop();
                default -> {
                    return usage();
                }
            }
        }
        var results = new dev.twelvefactor.platform.load.LoadGenerator(
                dev.twelvefactor.platform.load.LoadGenerator.Settings.of(target, rate, duration)).run();
        System.out.print(results.summary());
        return results.unexpected() == 0 ? 0 : 1;
    }

    private static int down(Path home, Deque<String> arguments) throws IOException {
        Path dataDirectory = home.resolve(".platform");
        if (arguments.size() == 2 && arguments.pop().equals("--data-dir")) {
            dataDirectory = Path.of(arguments.pop());
        }
        ProcessHandle launcher = runningLauncher(launcherPidFile(dataDirectory));
        if (launcher == null) {
            print("The platform is not running.");
            return 0;
        }
        print("Asking launcher " + launcher.pid() + " to stop the platform...");
        launcher.destroy();
        launcher.onExit().join();
        print("Stopped.");
        return 0;
    }

    private static ProcessHandle runningLauncher(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return null;
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                .filter(process -> process.info().commandLine().orElse("").contains("platform-launcher"))
                .orElse(null);
    }

    private static Path launcherPidFile(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        return dataDirectory.resolve("launcher.pid");
    }

    private static int usage() {
        System.err.println("""
                Usage:
                  ./platform up [--scale order-service=N] [--scale inventory-service=N] [--clean] [--data-dir DIR]
                  ./platform down [--data-dir DIR]
                  ./platform refresh                         apply config-repo/ to every running instance (no restart)
                  ./platform load [--rate 20] [--duration 30s] [--target http://127.0.0.1:8080]
                  ./platform bench [startup|memory|gateway|orders|all] [--runs 5] [--clients 16]
                                                           benchmarks on a platform of their own; a Markdown report
                  ./platform admin SERVICE TASK [ARGS...]   e.g. admin inventory-service restock KB-001 50
                                                           admin inventory-service stock-report
                                                           admin order-service reconcile
                """);
        return 2;
    }

    private static void print(String message) {
        System.out.println("[platform " + LocalTime.now().format(TIME) + "] " + message);
    }
}
