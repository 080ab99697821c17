package dev.originedge.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import dev.originedge.edgeauth.EdgeAuthVerifier;
import dev.originedge.testing.PackagedApp;
import dev.originedge.testing.RecordingOrigin;
import dev.originedge.testing.TestCertificates;

/**
 * The packaged app (jar or native binary) takes edge-auth's secret from {@code EDGE_ORIGINS_<NAME>_EDGE_AUTH_SECRET},
 * as a Kubernetes Secret would give it, signs with it for its POP, and never prints it.
 */
class EdgeAuthFromEnvironmentIT {

    private static final String SECRET = "env-Only-Secret-7Hk";

    @Test
    void theSecretComesFromTheEnvironmentAndNeverShows() throws Exception {
        RecordingOrigin app = new RecordingOrigin(TestCertificates.shared(), host -> null,
                seen -> RecordingOrigin.Answer.ok("web " + seen.path() + "\n"));
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.port", "0");
        config.put("quarkus.log.file.enabled", "false");
        config.put("edge.origins.app.provider", "http");
        config.put("edge.origins.app.endpoint", "http://app.example.test");
        config.put("edge.origins.app.connect-to", "127.0.0.1:" + app.port());
        config.put("edge.origins.app.edge-auth.mode", "signature");
        config.put("edge.default-origin", "app");
        config.put("edge.pop.default", "AMS");
        config.put("edge.pops.AMS", "app");
        ProcessBuilder builder = PackagedApp.builder(config);
        builder.environment().put("EDGE_ORIGINS_APP_EDGE_AUTH_SECRET", SECRET);
        Path log = Path.of("target", "edge-auth-env-it.log");
        PackagedApp.Running running = PackagedApp.start(builder, log);
        try {
            assertTrue(running.port() > 0, "the app did not start:\n" + Files.readString(log));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + running.port() + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("web /hello\n", response.body());
            String header = app.last(s -> true).header("edge-auth");
            EdgeAuthVerifier.Result result = new EdgeAuthVerifier(SECRET, Duration.ofSeconds(60)).verify(header);
            assertTrue(result.valid(), result.status() + ": " + header);
            assertEquals("AMS", result.pop());
            String output = Files.readString(log);
            assertTrue(output.contains("app http http://app.example.test with edge-auth signature"), output);
            assertFalse(output.contains(SECRET), output);
        } finally {
            running.process().destroy();
            running.process().waitFor();
            app.close();
        }
    }
}
