package dev.twelvefactor.launcher.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback ports: a free one, or the well-known one when nothing else holds it. */
public final class Ports {

	/**
	 * Every port {@link #free()} has handed out in this process. The kernel may pick a
	 * port again as soon as its probing socket is closed, and a port is only taken once
	 * the process it was chosen for listens: an instance's server and management ports,
	 * chosen one after the other, came out equal once, and Spring Boot refused to start.
	 */
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private Ports() {
	}

	/**
	 * A port nothing listens on right now (the kernel's pick), never one this process
	 * handed out before.
	 */
	public static int free() {
		while (true) {
			int port = probe();
			if (HANDED_OUT.add(port)) {
				return port;
			}
		}
	}

	private static int probe() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Whether {@code port} can be listened on at the loopback address, where every local
	 * process listens. Without address reuse: with it, macOS would bind beside a process
	 * listening on every interface and call its port free.
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException taken) {
			return false;
		}
	}

	/**
	 * {@code preferred} when free, else a free port: a developer's own Prometheus may
	 * hold the default.
	 */
	public static int preferredOrFree(int preferred) {
		return isFree(preferred) ? preferred : free();
	}

}
