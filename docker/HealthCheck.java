import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The images' health check: {@code java -cp /app/tools HealthCheck /actuator/health/readiness} asks the service in
 * the same container for a health group on its management port ({@code MANAGEMENT_PORT}) and exits 0 when the
 * group answers 200 (UP), 1 otherwise. The JRE base image has no curl or wget; the JVM it has is enough.
 */
public final class HealthCheck {

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "/actuator/health/readiness";
        String port = System.getenv("MANAGEMENT_PORT");
        if (port == null || !port.matches("[0-9]{1,5}")) {
            System.err.println("MANAGEMENT_PORT is not set to a port number: " + port);
            System.exit(1);
        }
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            System.out.println(uri + " -> " + response.statusCode());
            System.exit(response.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.out.println(uri + " -> " + e);
            System.exit(1);
        }
    }
}
