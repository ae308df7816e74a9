package dev.twelvefactor.platform.process;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks what the platform asks before it sends traffic to an instance: is its readiness group UP, and does Eureka
 * list it as UP (an instance turns UP in Eureka only once it is ready).
 */
public final class ReadinessProbe {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public boolean isReady(ServiceInstance instance) {
        return status(instance.managementUrl() + "/actuator/health/readiness") == 200;
    }

    public boolean isUpInEureka(String eurekaUrl, ServiceInstance instance) {
        JsonNode application = json(eurekaUrl + "apps/" + instance.service().applicationName().toUpperCase());
        if (application == null) {
            return false;
        }
        JsonNode instances = application.path("application").path("instance");
        // Eureka writes a lone instance as an object, several as an array.
        for (JsonNode registered : instances.isArray() ? instances : JSON.createArrayNode().add(instances)) {
            if (registered.path("port").path("$").asInt() == instance.port()
                    && "UP".equals(registered.path("status").asString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many instances of {@code application} the instance sees UP in its own copy of the registry (the Eureka
     * health indicator's details): what its load balancer can route to right now.
     */
    public int instancesSeenBy(ServiceInstance caller, String application) {
        JsonNode health = json(caller.managementUrl() + "/actuator/health");
        if (health == null) {
            return 0;
        }
        return health.path("components").path("discoveryComposite").path("components").path("eureka")
                .path("details").path("applications").path(application.toUpperCase()).asInt(0);
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    public int status(String url) {
        try {
            return http.send(get(url), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private JsonNode json(String url) {
        try {
            HttpResponse<String> response = http.send(get(url), HttpResponse.BodyHandlers.ofString());
            // A health document also comes with 503 while a component is down; its details are still there.
            return response.statusCode() == 200 || response.statusCode() == 503 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json").GET().build();
    }
}
