package dev.twelvefactor.launcher.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports: a free one, or the well-known one when nothing else holds it. */
public final class Ports {

	private Ports() {
	}

	/** A port nothing listens on right now (the kernel's pick). */
	public static int free() {
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
