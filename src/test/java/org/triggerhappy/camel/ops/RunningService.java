package org.triggerhappy.camel.ops;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.service.ServiceRuntime;
import org.triggerhappy.camel.testsupport.BackgroundService;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/**
 * The service as {@code run} starts it (timer on, both HTTP servers up, on the free ports the fixture's settings
 * name), in a background thread, for as long as a test needs it. The Quartz timer fires a first cycle at once.
 */
final class RunningService implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final int httpPort;
    final int managementPort;
    private final BackgroundService service;

    RunningService(ServiceFixture f) throws IOException {
        f.set("th.poll.interval", "1h");
        Settings settings = f.settings();
        this.httpPort = settings.httpPort();
        this.managementPort = settings.managementPort();
        this.service = BackgroundService.start(settings);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(IllegalStateException.class).until(() -> {
            if (service.failure() != null) {
                throw new AssertionError("the service failed to start", service.failure());
            }
            return get(managementPort, "/observe/health/live").statusCode() == 200;
        });
    }

    static HttpResponse<String> get(int port, String path) {
        return get(port, path, null);
    }

    /** GET with the given Authorization header (none when null). */
    static HttpResponse<String> get(int port, String path, String authorization) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20)).GET();
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> management(String path) {
        return get(managementPort, path);
    }

    HttpResponse<String> page(String path) {
        return get(httpPort, path);
    }

    ServiceRuntime runtime() {
        return service.runtime();
    }

    @Override
    public void close() throws InterruptedException {
        service.close();
    }
}
