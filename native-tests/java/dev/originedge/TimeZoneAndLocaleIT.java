package dev.originedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.originedge.testing.PackagedApp;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;

/**
 * Signatures do not depend on where the machine thinks it is: the packaged app (jar or native binary), run
 * under a far-off time zone and a locale with its own digits and calendar, still signs requests the origins
 * accept.
 */
class TimeZoneAndLocaleIT {

    private static final RealOrigins ORIGINS = new RealOrigins();
    private static Process app;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> config = new HashMap<>(ORIGINS.start());
        config.put("quarkus.http.port", "0");
        config.put("user.timezone", "Pacific/Kiritimati");
        config.put("user.language", "th");
        config.put("user.country", "TH");
        config.put("user.variant", "TH");
        ProcessBuilder builder = PackagedApp.builder(config);
        builder.environment().put("TZ", "Pacific/Kiritimati");
        builder.environment().put("LANG", "th_TH.UTF-8");
        Path log = Path.of("target", "timezone-locale-it.log");
        PackagedApp.Running running = PackagedApp.start(builder, log);
        app = running.process();
        port = running.port();
        assertTrue(port > 0, "the app did not start");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy();
            app.waitFor(10, TimeUnit.SECONDS);
        }
        ORIGINS.stop();
    }

    @Test
    void requestsSignedUnderAnotherTimeZoneAndLocaleAreAccepted() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String pop : new String[] { "SJC", "AMS" }) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/hello.txt?pop=" + pop)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(TestSite.hello(pop.equals("SJC") ? "us" : "eu"), response.body());
        }
    }
}
