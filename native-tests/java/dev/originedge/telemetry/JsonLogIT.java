package dev.originedge.telemetry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.PackagedApp;
import dev.originedge.testing.RealOrigins;

/** The one property that makes the packaged app log JSON: each access line is then one JSON record. */
class JsonLogIT {

    @Test
    void withJsonLogsOnTheAccessLineIsAJsonRecord() throws Exception {
        RealOrigins origins = new RealOrigins();
        Map<String, String> config = new HashMap<>(origins.start());
        config.put("quarkus.http.port", "0");
        config.put("quarkus.log.file.enabled", "false");
        config.put("quarkus.log.console.json.enabled", "true");
        Path log = Path.of("target", "json-log-it.log");
        PackagedApp.Running app = PackagedApp.start(PackagedApp.builder(config), log);
        try {
            assertTrue(app.port() > 0, "the app did not start:\n" + Files.readString(log));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/hello.txt?pop=SJC")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            // written by the access log's own thread, a few milliseconds after the response
            String access = await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).lines()
                    .filter(l -> l.contains("\"dev.originedge.access\"")).findFirst().orElse(""), l -> l.endsWith("}"));
            assertTrue(access.startsWith("{") && access.endsWith("}")
                    && access.contains("GET /hello.txt pop=SJC origin=us status=200"), "a JSON record: " + access);
            assertTrue(access.contains("\"threadName\":\"vert.x-eventloop-thread-"),
                    "the record names the thread that served the request, not the access log's writer: " + access);
        } finally {
            app.process().destroy();
            app.process().waitFor();
            origins.stop();
        }
    }
}
