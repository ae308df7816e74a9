package dev.twelvefactor.launcher.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

	@Test
	void aTakenPreferredPortGivesWayToAFreeOne() throws Exception {
		try (ServerSocket someoneElse = new ServerSocket()) {
			someoneElse.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int taken = someoneElse.getLocalPort();

			assertThat(Ports.isFree(taken)).isFalse();
			int chosen = Ports.preferredOrFree(taken);
			assertThat(chosen).isNotEqualTo(taken);
			assertThat(Ports.isFree(chosen)).isTrue();
		}
		int free = Ports.free();
		assertThat(Ports.preferredOrFree(free)).isEqualTo(free);
	}

	@Test
	void noPortIsHandedOutTwice() {
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 500; i++) {
			assertThat(ports.add(Ports.free())).as("port handed out twice").isTrue();
		}
	}

}
