package dev.twelvefactor.launcher.database;

import dev.twelvefactor.launcher.Service;
import dev.twelvefactor.postgres.DatabaseCredentials;
import dev.twelvefactor.postgres.LocalPostgres;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The platform's embedded PostgreSQL with a database for each service that owns one
 * (factor IV). It can be stopped and started again on the same port with the same data,
 * as an operator restarts a database server.
 */
public final class PlatformDatabase implements AutoCloseable {

	private final Path dataDirectory;

	private final Consumer<String> log;

	private final Map<Service, DatabaseCredentials> credentials = new EnumMap<>(Service.class);

	private final int port;

	private LocalPostgres server;

	private PlatformDatabase(Path dataDirectory, int port, LocalPostgres server, Consumer<String> log) {
		this.dataDirectory = dataDirectory;
		this.port = port;
		this.server = server;
		this.log = log;
	}

	/**
	 * Starts the server in {@code dataDirectory} ({@code port} 0: a free one) and makes
	 * every service's database.
	 */
	public static PlatformDatabase start(Path dataDirectory, int port, Consumer<String> log) {
		log.accept("Starting PostgreSQL 17 (embedded) in " + dataDirectory);
		LocalPostgres server = LocalPostgres.start(dataDirectory, port);
		PlatformDatabase database = new PlatformDatabase(dataDirectory, server.port(), server, log);
		for (Service service : Service.values()) {
			service.database().ifPresent(name -> database.credentials.put(service, server.ensureDatabase(name)));
		}
		return database;
	}

	/**
	 * The server {@code ./platform up} runs at {@code port}, seen from another process:
	 * its credentials only.
	 */
	public static PlatformDatabase attach(int port) {
		PlatformDatabase database = new PlatformDatabase(null, port, null, message -> {
		});
		for (Service service : Service.values()) {
			service.database()
				.ifPresent(name -> database.credentials.put(service, DatabaseCredentials.local(port, name)));
		}
		return database;
	}

	public Optional<DatabaseCredentials> credentials(Service service) {
		return Optional.ofNullable(credentials.get(service));
	}

	public int port() {
		return port;
	}

	/**
	 * Stops the server as an operator would for a restart (fast shutdown: open
	 * transactions are rolled back).
	 */
	public synchronized void stop() {
		log.accept("Stopping PostgreSQL");
		server.close();
	}

	/**
	 * Starts the server again with the same data and on the same port, so that the
	 * services reconnect by themselves.
	 */
	public synchronized void restart() {
		log.accept("Starting PostgreSQL again on port " + port);
		server = LocalPostgres.start(dataDirectory, port);
	}

	public synchronized boolean isStopped() {
		return server.isStopped();
	}

	@Override
	public synchronized void close() {
		if (server != null && !server.isStopped()) {
			log.accept("Stopping PostgreSQL");
			server.close();
		}
	}

}
