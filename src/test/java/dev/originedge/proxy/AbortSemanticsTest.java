package dev.originedge.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.testing.LogLines;
import dev.originedge.testing.RawExchange;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import dev.originedge.testing.Timeouts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Once the headers went out, a body that cannot be completed must look broken to the client (never a clean
 * end a cache would store), and a client that goes away is normal traffic. Checked with raw sockets against
 * an origin that misbehaves on purpose (POP ZZF) and real S3 origins.
 */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class AbortSemanticsTest {

    static int port() {
        return RestAssured.port;
    }

    @ParameterizedTest
    @ValueSource(strings = { "half-length", "reset-body", "stall-body" })
    void aBodyWithALengthThatBreaksOffEndsInAClosedConnectionBeforeTheLength(String fault) throws Exception {
        RawExchange exchange = RawExchange.send(port(), RawExchange.get("/" + fault + "?pop=ZZF"), 10_000);
        assertEquals(200, exchange.status(), exchange.toString());
        assertEquals("100", exchange.header("Content-Length"), exchange.toString());
        assertEquals("abc", exchange.rawBody(), exchange.toString());
        assertTrue(exchange.closedByProxy(), "the connection must be closed, not held: " + exchange);
    }

    @Test
    void aChunkedBodyThatBreaksOffNeverGetsItsLastChunk() throws Exception {
        RawExchange exchange = RawExchange.send(port(), RawExchange.get("/half-chunked?pop=ZZF"), 10_000);
        assertEquals(200, exchange.status(), exchange.toString());
        assertEquals("chunked", exchange.header("Transfer-Encoding"), exchange.toString());
        assertTrue(exchange.rawBody().startsWith("5\r\nhello\r\n"), exchange.toString());
        assertFalse(exchange.rawBody().contains("0\r\n\r\n"), "a terminating chunk makes it look whole: " + exchange);
        assertTrue(exchange.closedByProxy(), exchange.toString());
    }

    @Test
    void cleartextHttp2IsRefusedByDefault() throws Exception {
        RawExchange exchange = RawExchange.send(port(), RawExchange.get("/hello.txt?pop=SJC", "Connection: Upgrade, "
                + "HTTP2-Settings", "Upgrade: h2c", "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA"), 1_500);
        assertEquals(200, exchange.status(), "served over HTTP/1.1, not switched: " + exchange);
        assertFalse(exchange.text().contains("101 Switching"), exchange.toString());
    }

    @Test
    void aPipelinedSecondRequestNeverLandsInsideABrokenFirstBody() throws Exception {
        String two = RawExchange.get("/half-length?pop=ZZF") + RawExchange.get("/hello.txt?pop=SJC");
        RawExchange exchange = RawExchange.send(port(), two, 10_000);
        assertEquals(200, exchange.status());
        assertEquals("abc", exchange.rawBody(), "nothing after the broken body: " + exchange);
        assertEquals(1, exchange.responses(), exchange.toString());
        assertTrue(exchange.closedByProxy(), exchange.toString());
    }

    @Test
    void aCompleteBodyKeepsTheConnectionForTheNextRequest() throws Exception {
        String two = RawExchange.get("/hello.txt?pop=SJC") + RawExchange.get("/hello.txt?pop=AMS");
        RawExchange exchange = RawExchange.send(port(), two, 1_500);
        assertEquals(2, exchange.responses(), exchange.toString());
        assertTrue(exchange.text().contains(TestSite.hello("us")) && exchange.text().contains(TestSite.hello("eu")));
        assertFalse(exchange.closedByProxy(), "keep-alive: the proxy keeps the connection open");
    }

    @Test
    void aClientThatLeavesBeforeTheOriginAnswersCancelsTheOriginRequest() throws Exception {
        int before = RealOrigins.faults.abandoned();
        int seen = RealOrigins.faults.requests();
        try (Socket socket = Timeouts.socket(port())) {
            socket.getOutputStream().write(RawExchange.get("/hold?pop=ZZF").getBytes(StandardCharsets.US_ASCII));
            // the client leaves once the proxy's request is at the origin
            await("the request reaches the origin").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> RealOrigins.faults.requests() > seen);
        }
        // edge.origin-timeout is 2 s: the origin connection must go well before that.
        await("the origin request is cancelled").atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(20))
                .until(() -> RealOrigins.faults.abandoned() > before);
        assertEquals(before + 1, RealOrigins.faults.abandoned(), "the origin request was not cancelled");
    }

    @Test
    void clientsThatResetMidBodyDoNotDisturbOtherClientsNorLogErrors() throws Exception {
        LogLines log = LogLines.mark();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> aborters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                aborters.add(pool.submit(() -> {
                    int aborted = 0;
                    for (int round = 0; round < 15; round++) {
                        try (Socket socket = Timeouts.socket(port())) {
                            // a whole response, then a reset on the idle keep-alive connection
                            socket.getOutputStream().write(RawExchange.get("/hello.txt?pop=SJC")
                                    .getBytes(StandardCharsets.US_ASCII));
                            socket.getInputStream().read(new byte[4096]);
                            socket.setSoLinger(true, 0);
                        }
                        try (Socket socket = Timeouts.socket(port())) {
                            socket.getOutputStream().write(RawExchange.get("/" + TestSite.BIG_KEY + "?pop=SJC")
                                    .getBytes(StandardCharsets.US_ASCII));
                            InputStream in = socket.getInputStream();
                            in.readNBytes(200_000);
                            socket.setSoLinger(true, 0); // close with a reset, mid-body
                            aborted++;
                        }
                    }
                    return aborted;
                }));
            }
            List<Future<List<String>>> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String pop = i % 2 == 0 ? "SJC" : "AMS";
                others.add(pool.submit(() -> {
                    List<String> failures = new ArrayList<>();
                    for (int n = 0; n < 60; n++) {
                        var response = RestAssured.given().queryParam("pop", pop).get("/hello.txt");
                        if (response.statusCode() != 200) {
                            failures.add(response.statusCode() + " " + response.asString());
                        }
                    }
                    return failures;
                }));
            }
            for (Future<Integer> aborter : aborters) {
                assertEquals(15, aborter.get(60, TimeUnit.SECONDS));
            }
            for (Future<List<String>> other : others) {
                assertEquals(List.of(), other.get(60, TimeUnit.SECONDS), "well-behaved clients saw failures");
            }
        } finally {
            pool.shutdownNow();
        }
        // Every abort is in the log (its access line is written once the proxy has dealt with it): nothing that
        // these aborts could log is still to come.
        String aborted = "GET /" + TestSite.BIG_KEY + " pop=SJC origin=us status=200";
        log.awaitLines("access lines of the 60 aborted downloads",
                l -> l.contains(aborted) && l.contains("client_abort=yes"), 60, Duration.ofSeconds(30));
        String lines = log.textSince();
        assertFalse(lines.contains(" ERROR "), "client aborts are normal traffic, not errors:\n" + errorLines(lines));
    }

    static String errorLines(String log) {
        StringBuilder lines = new StringBuilder();
        log.lines().filter(l -> l.contains(" ERROR ")).limit(5).forEach(l -> lines.append(l).append('\n'));
        return lines.toString();
    }
}
