package dev.originedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.originedge.testing.PackagedApp;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;

/**
 * SIGTERM (how Knative scales a pod down) during a 64 MiB download: readiness goes DOWN at once, the download
 * completes byte for byte, then the process exits. Against the packaged app (jar or native binary).
 */
class GracefulShutdownIT {

    private static final RealOrigins ORIGINS = new RealOrigins();
    private static final Path LOG = Path.of("target", "graceful-shutdown-it.log");
    private static Process app;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> config = new HashMap<>(ORIGINS.start());
        config.put("quarkus.http.port", "0");
        config.put("quarkus.log.file.enabled", "false");
        PackagedApp.Running running = PackagedApp.start(PackagedApp.builder(config), LOG);
        app = running.process();
        port = running.port();
        assertTrue(port > 0, "the app did not start");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroyForcibly();
        }
        ORIGINS.stop();
    }

    @Test
    void aDownloadUnderWayWhenSigtermArrivesCompletesAndReadinessGoesDownAtOnce() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        assertEquals(200, client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode());

        HttpResponse<InputStream> download = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/" + TestSite.BIG_KEY + "?pop=SJC")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long received = 0;
        byte[] buffer = new byte[65536];
        try (InputStream body = download.body()) {
            received += read(body, buffer, sha, 4 << 20);
            app.destroy(); // SIGTERM
            Thread.sleep(300);
            assertTrue(app.isAlive(), "the app must wait for the running download");
            HttpResponse<String> readiness = client.send(HttpRequest.newBuilder(ready).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, readiness.statusCode(), "readiness is DOWN once shutdown started: " + readiness.body());
            // The rest, at a client's pace (about 16 MB/s): seconds more, well within quarkus.shutdown.timeout.
            long n;
            while ((n = read(body, buffer, sha, 1 << 20)) > 0) {
                received += n;
                Thread.sleep(60);
            }
        }
        assertEquals(TestSite.BIG_SIZE, received, "the download completed");
        assertEquals(TestSite.sha256(TestSite.big()), HexFormat.of().formatHex(sha.digest()), "byte for byte");
        assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the app exits once the download is done");
        assertFalse(Files.readString(LOG).contains(" ERROR "), "a clean shutdown:\n" + Files.readString(LOG));
    }

    /** Reads up to {@code limit} bytes into the digest; 0 at the end of the body. */
    private static long read(InputStream in, byte[] buffer, MessageDigest sha, long limit) throws Exception {
        long total = 0;
        while (total < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
            if (n < 0) {
                break;
            }
            sha.update(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
