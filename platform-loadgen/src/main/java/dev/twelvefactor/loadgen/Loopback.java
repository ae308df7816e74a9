package dev.twelvefactor.loadgen;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Load goes to this machine only: a typo must never turn it at someone else's server. */
public final class Loopback {

	private Loopback() {
	}

	/**
	 * Returns {@code target} if it resolves to a loopback address; refuses anything else.
	 */
	public static URI require(URI target) {
		try {
			if (target.getHost() == null || !InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
				throw new IllegalArgumentException("Load only targets this machine (loopback), not " + target);
			}
			return target;
		}
		catch (UnknownHostException e) {
			throw new IllegalArgumentException("Unknown host in " + target, e);
		}
	}

}
