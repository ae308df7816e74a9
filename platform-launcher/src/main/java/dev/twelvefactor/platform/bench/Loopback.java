package dev.twelvefactor.platform.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The benchmarks load this machine only: a typo must never turn them at someone else's server. */
final class Loopback {

    private Loopback() {
    }

    static URI require(URI target) {
        try {
            if (target.getHost() == null || !InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("Benchmarks only target this machine (loopback), not " + target);
            }
            return target;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host in " + target, e);
        }
    }
}
