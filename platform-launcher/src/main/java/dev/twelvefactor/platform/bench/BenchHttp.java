package dev.twelvefactor.platform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The HTTP client of the Java drivers. */
final class BenchHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private BenchHttp() {
    }

    /**
     * HTTP/1.1 with keep-alive, like wrk and like clients behind a load balancer; the JDK's default would add an
     * h2c upgrade header to the first request on each connection.
     */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    static HttpRequest get(URI target) {
        return HttpRequest.newBuilder(Loopback.require(target)).timeout(TIMEOUT).GET().build();
    }
}
