package dev.originedge.telemetry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.LogLines;
import dev.originedge.testing.RawExchange;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import dev.originedge.testing.Timeouts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** What an operator sees: /q/metrics, the access log, and the WARN that names an origin's S3 error code. */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class OperationsTest {

    private static double metric(String series) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A download the client resets after 100 kB; callers wait for what the proxy makes of it. */
    private static void clientAbortMidBody() throws Exception {
        try (Socket socket = Timeouts.socket(RestAssured.port)) {
            socket.getOutputStream().write(RawExchange.get("/" + TestSite.BIG_KEY + "?pop=SJC")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            in.readNBytes(100_000);
            socket.setSoLinger(true, 0);
        }
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

        // The abort counts once the proxy has seen the reset: the counters are waited for (they only grow).
        await().atMost(LogLines.WAIT).pollInSameThread().untilAsserted(() -> {
            assertTrue(metric(okUs) >= before[0] + 2, "requests by origin, status class and POP");
            assertTrue(metric(failover) >= before[1] + 1, "failovers from -> to");
            assertTrue(metric(clientAborts) >= before[2] + 1, "client aborts");
            assertTrue(metric(originAborts) >= before[3] + 1, "origin aborts");
            assertTrue(metric(bytes) >= before[4] + 2 * TestSite.hello("us").length(), "bytes sent");
            assertTrue(metric(otherPop) >= before[5] + 1, "a POP outside the catalog is 'other'");
        });
        String text = given().get("/q/metrics").then().extract().asString();
        assertTrue(text.contains("edge_origin_ttfb_seconds_bucket{origin=\"us\""), "time-to-first-byte histogram");
        assertTrue(text.contains("edge_request_duration_seconds_count{origin=\"us\"}"), "duration per origin");
        assertFalse(text.contains("hello.txt"), "never a path in a label");
        assertFalse(text.contains("http_server_requests"), "the HTTP server's own per-route meters are off");
    }

    @Test
    void theAccessLogHasOneLinePerRequestWithoutQueryOrSecrets() throws Exception {
        LogLines lines = LogLines.mark();
        given().get("/hello.txt?pop=SJC&token=QUERY-SECRET-77").then().statusCode(200);
        given().header("Authorization", "Bearer AUTH-SECRET-88").get("/no-such-key?pop=AMS").then().statusCode(404);
        clientAbortMidBody();
        // Each line is written as its request finishes; the abort's once the proxy has seen the reset.
        lines.awaitLine("a 200", l -> l.contains("GET /hello.txt pop=SJC origin=us status=200 bytes="
                + TestSite.hello("us").length() + " duration_ms="));
        lines.awaitLine("a 404", l -> l.contains("GET /no-such-key pop=AMS origin=eu status=404"));
        lines.awaitLine("a client abort", l -> l.contains("GET /" + TestSite.BIG_KEY + " pop=SJC origin=us status=200")
                && l.contains("client_abort=yes"));
        String log = lines.textSince();
        assertFalse(log.contains("QUERY-SECRET-77") || log.contains("AUTH-SECRET-88"), "no query, no header value");
        for (String secret : RealOrigins.SECRETS) {
            assertFalse(log.contains(secret));
        }
        assertFalse(log.contains("Signature="), "no signature");
    }

    @Test
    void aBurstOfRequestsGetsOneAccessLineEachInOrder() throws Exception {
        LogLines log = LogLines.mark();
        String prefix = "/burst-" + System.nanoTime() + "/";
        int n = 200;
        for (int i = 0; i < n; i++) {
            given().get(prefix + i + "?pop=AMS").then().statusCode(404);
        }
        List<String> lines = log.awaitLines("one access line per request", l -> l.contains(prefix), n,
                Duration.ofSeconds(10));
        assertEquals(n, lines.size(), "one line per request:\n" + String.join("\n", lines));
        for (int i = 0; i < n; i++) {
            assertTrue(lines.get(i).contains("GET " + prefix + i + " pop=AMS origin=eu status=404"),
                    "in the order the requests finished: " + lines.get(i));
        }
        assertEquals(0, metric("edge_access_log_dropped_total"), "nothing dropped");
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("edge_access_log_dropped_total "),
                "the drop counter is published:\n" + metrics.lines().filter(l -> l.contains("access")).toList());
    }

    @Test
    void anOrigin403IsLoggedWithS3sErrorCode() throws Exception {
        // ZZO: an origin with a wrong secret that only this test asks (its WARN comes once per 10 s)
        LogLines log = LogLines.mark();
        given().get("/hello.txt?pop=ZZO").then().statusCode(403);
        String expected = "Origin badkey answered 403 SignatureDoesNotMatch: check the origin's access key";
        log.awaitLine("the WARN names the S3 code", l -> l.contains(expected)); // once the error body was read
    }
}
