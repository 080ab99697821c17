package dev.originedge.telemetry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.RawExchange;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** What an operator sees: /q/metrics, the access log, and the WARN that names an origin's S3 error code. */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class OperationsTest {

    static final Path LOG = Path.of("target", "quarkus-test.log");

    private static double metric(String series) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void clientAbortMidBody() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.getOutputStream().write(RawExchange.get("/" + TestSite.BIG_KEY + "?pop=SJC")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            in.readNBytes(100_000);
            socket.setSoLinger(true, 0);
        }
        Thread.sleep(300);
    }

    @Test
    void metricsCountRequestsFailoversAbortsBytesAndTimeToFirstByte() throws Exception {
        String okUs = "edge_requests_total{origin=\"us\",pop=\"SJC\",status=\"2xx\"}";
        String failover = "edge_failovers_total{from=\"unavailable\",to=\"eu\"}";
        String clientAborts = "edge_client_aborts_total{origin=\"us\"}";
        String originAborts = "edge_origin_aborts_total{origin=\"faulty\"}";
        String bytes = "edge_bytes_sent_total{origin=\"us\"}";
        String otherPop = "edge_requests_total{origin=\"eu\",pop=\"other\",status=\"2xx\"}";
        double[] before = { metric(okUs), metric(failover), metric(clientAborts), metric(originAborts), metric(bytes),
                metric(otherPop) };

        given().get("/hello.txt?pop=SJC").then().statusCode(200);
        given().get("/hello.txt?pop=SJC").then().statusCode(200);
        given().get("/hello.txt?pop=ZZU").then().statusCode(200); // unavailable -> eu, POP not in the catalog
        RawExchange.send(RestAssured.port, RawExchange.get("/half-length?pop=ZZF"), 5_000);
        clientAbortMidBody();

        assertTrue(metric(okUs) >= before[0] + 2, "requests by origin, status class and POP");
        assertTrue(metric(failover) >= before[1] + 1, "failovers from -> to");
        assertTrue(metric(clientAborts) >= before[2] + 1, "client aborts");
        assertTrue(metric(originAborts) >= before[3] + 1, "origin aborts");
        assertTrue(metric(bytes) >= before[4] + 2 * TestSite.hello("us").length(), "bytes sent");
        assertTrue(metric(otherPop) >= before[5] + 1, "a POP outside the catalog is 'other'");
        String text = given().get("/q/metrics").then().extract().asString();
        assertTrue(text.contains("edge_origin_ttfb_seconds_bucket{origin=\"us\""), "time-to-first-byte histogram");
        assertTrue(text.contains("edge_request_duration_seconds_count{origin=\"us\"}"), "duration per origin");
        assertFalse(text.contains("hello.txt"), "never a path in a label");
        assertFalse(text.contains("http_server_requests"), "the HTTP server's own per-route meters are off");
    }

    @Test
    void theAccessLogHasOneLinePerRequestWithoutQueryOrSecrets() throws Exception {
        given().get("/hello.txt?pop=SJC&token=QUERY-SECRET-77").then().statusCode(200);
        given().header("Authorization", "Bearer AUTH-SECRET-88").get("/no-such-key?pop=AMS").then().statusCode(404);
        clientAbortMidBody();
        // the lines are written by the access log's own thread, a few milliseconds later
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String log = Files.readString(LOG);
            assertTrue(log.contains("GET /hello.txt pop=SJC origin=us status=200 bytes="
                    + TestSite.hello("us").length() + " duration_ms="), "a 200:\n" + accessLines(log));
            assertTrue(log.contains("GET /no-such-key pop=AMS origin=eu status=404"), "a 404:\n" + accessLines(log));
            assertTrue(log.lines().anyMatch(l -> l.contains("GET /" + TestSite.BIG_KEY
                    + " pop=SJC origin=us status=200") && l.contains("client_abort=yes")),
                    "a client abort:\n" + accessLines(log));
        });
        String log = Files.readString(LOG);
        assertFalse(log.contains("QUERY-SECRET-77") || log.contains("AUTH-SECRET-88"), "no query, no header value");
        for (String secret : RealOrigins.SECRETS) {
            assertFalse(log.contains(secret));
        }
        assertFalse(log.contains("Signature="), "no signature");
    }

    @Test
    void aBurstOfRequestsGetsOneAccessLineEachInOrder() throws Exception {
        String prefix = "/burst-" + System.nanoTime() + "/";
        int n = 200;
        for (int i = 0; i < n; i++) {
            given().get(prefix + i + "?pop=AMS").then().statusCode(404);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(LOG).contains(prefix + (n - 1) + " "));
        List<String> lines = Files.readString(LOG).lines().filter(l -> l.contains(prefix)).toList();
        assertEquals(n, lines.size(), "one line per request:\n" + String.join("\n", lines));
        for (int i = 0; i < n; i++) {
            assertTrue(lines.get(i).contains("GET " + prefix + i + " pop=AMS origin=eu status=404"),
                    "in the order the requests finished: " + lines.get(i));
        }
        assertEquals(0, metric("edge_access_log_dropped_total"), "nothing dropped");
        assertTrue(given().get("/q/metrics").then().extract().asString().contains("edge_access_log_dropped_total "),
                "the drop counter is published");
    }

    @Test
    void anOrigin403IsLoggedWithS3sErrorCode() throws Exception {
        given().get("/hello.txt?pop=ZZW").then().statusCode(403);
        String expected = "Origin wrongkey answered 403 SignatureDoesNotMatch: check the origin's access key";
        long deadline = System.nanoTime() + 5_000_000_000L; // logged once the error body has been read
        while (!Files.readString(LOG).contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.readString(LOG).contains(expected), "the WARN names the S3 code");
    }

    private static String accessLines(String log) {
        StringBuilder b = new StringBuilder();
        log.lines().filter(l -> l.contains("dev.ori.access") || l.contains("dev.originedge.access"))
                .limit(20).forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }
}
