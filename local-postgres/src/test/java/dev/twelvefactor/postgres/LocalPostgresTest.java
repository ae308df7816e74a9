package dev.twelvefactor.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The server as the launcher and the services' tests start it: on the loopback address
 * only, each database reachable with its own role.
 */
class LocalPostgresTest {

	@Test
	void listensOnTheLoopbackAddressOnly(@TempDir Path data) throws Exception {
		try (LocalPostgres postgres = LocalPostgres.start(data, 0)) {
			DatabaseCredentials orders = postgres.ensureDatabase("orders");
			try (Connection connection = DriverManager.getConnection(orders.url(), orders.username(),
					orders.password());
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("show listen_addresses")) {
				result.next();
				assertThat(result.getString(1)).isEqualTo("127.0.0.1");
			}
			for (InetAddress address : nonLoopbackAddresses()) {
				assertThatExceptionOfType(Exception.class).as(address.toString()).isThrownBy(() -> {
					try (Socket socket = new Socket()) {
						socket.connect(new InetSocketAddress(address, postgres.port()), 1_000);
					}
				});
			}
		}
	}

	/** This machine's own addresses other than loopback (none in a bare container). */
	private static List<InetAddress> nonLoopbackAddresses() throws Exception {
		return Collections.list(NetworkInterface.getNetworkInterfaces())
			.stream()
			.flatMap(NetworkInterface::inetAddresses)
			.filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
			.toList();
	}

}
