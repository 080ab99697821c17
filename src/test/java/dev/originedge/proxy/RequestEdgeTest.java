package dev.originedge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.testing.RawExchange;
import dev.originedge.testing.RealOrigins;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * What the proxy does with a request before any origin sees it, checked with raw sockets: a request whose body
 * it will not read is answered and its connection closed, so that no byte after it is ever read as a request.
 */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class RequestEdgeTest {

    /** Answered with 400 if it were ever read as a request: {@code SMUG} is no POP. */
    static final String SMUGGLED = "GET /hello.txt?pop=SMUG HTTP/1.1\r\nHost: edge.test\r\n\r\n";

    static int port() {
        return RestAssured.port;
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT", "DELETE", "OPTIONS", "PATCH" })
    void anyMethodWithATransferEncodingIsAnsweredOnceAndItsConnectionClosed(String method) throws Exception {
        String request = method + " /hello.txt?pop=SJC HTTP/1.1\r\nHost: edge.test\r\nTransfer-Encoding: gzip\r\n\r\n"
                + SMUGGLED;
        RawExchange exchange = RawExchange.send(port(), request, 5_000);
        assertEquals(400, exchange.status(), exchange.toString());
        assertOneAnswerAndClosed(exchange);
    }

    @Test
    void aPostWithAChunkedBodyIsRefusedWith405AndItsConnectionClosed() throws Exception {
        String body = Integer.toHexString(SMUGGLED.length()) + "\r\n" + SMUGGLED + "\r\n0\r\n\r\n";
        String request = "POST /hello.txt HTTP/1.1\r\nHost: edge.test\r\nTransfer-Encoding: chunked\r\n\r\n" + body
                + SMUGGLED;
        RawExchange exchange = RawExchange.send(port(), request, 5_000);
        assertEquals(405, exchange.status(), exchange.toString());
        assertEquals("GET, HEAD", exchange.header("Allow"), exchange.toString());
        assertOneAnswerAndClosed(exchange);
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT", "PATCH" })
    void aBodyWithContentLengthIsNeverReadAsTheNextRequest(String method) throws Exception {
        String body = "x=1&y=2";
        String request = method + " /hello.txt HTTP/1.1\r\nHost: edge.test\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body + SMUGGLED;
        RawExchange exchange = RawExchange.send(port(), request, 5_000);
        assertEquals(405, exchange.status(), exchange.toString());
        assertEquals("GET, HEAD", exchange.header("Allow"), exchange.toString());
        assertEquals("close", exchange.header("Connection"), exchange.toString());
        assertOneAnswerAndClosed(exchange);
    }

    @Test
    void aMethodWithoutABodyIsRefusedAndTheConnectionStaysUsable() throws Exception {
        String request = "DELETE /hello.txt HTTP/1.1\r\nHost: edge.test\r\n\r\n"
                + RawExchange.get("/hello.txt?pop=SJC", "Connection: close");
        RawExchange exchange = RawExchange.send(port(), request, 5_000);
        assertEquals(405, exchange.status(), exchange.toString());
        assertEquals(2, exchange.responses(), exchange.toString());
        assertTrue(exchange.text().contains("hello from us"), exchange.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "DELETE /hello.txt HTTP/1.1\r\nHost: edge.test\r\n",
            "GET /%2e%2e/private.txt HTTP/1.1\r\nHost: edge.test\r\n",
            "GET /hello.txt?pop=TOOLONG HTTP/1.1\r\nHost: edge.test\r\n",
            "GET /hello.txt HTTP/1.1\r\n",
            "GET /hello.txt?pop=ZZD HTTP/1.1\r\nHost: edge.test\r\n",
            "GET /hello.txt HTTP/1.1\r\nHost: edge.test\r\nRange: bytes=0-1\r\nRange: bytes=3-4\r\n" })
    void theProxysOwnErrorsCarryADate(String head) throws Exception {
        RawExchange exchange = RawExchange.send(port(), head + "Connection: close\r\n\r\n", 5_000);
        assertTrue(exchange.status() >= 400, exchange.toString());
        String date = exchange.header("Date");
        assertNotNull(date, "RFC 9110 6.6.1: an origin server with a clock sends Date: " + exchange);
        // IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT"
        ZonedDateTime sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME);
        assertTrue(Math.abs(Duration.between(sent.toInstant(), Instant.now()).toSeconds()) < 60, date);
        assertTrue(date.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), date);
    }

    @Test
    void moreThanOneRangeHeaderIsABadRequestNotJoinedAndSentOn() throws Exception {
        RawExchange exchange = RawExchange.send(port(), RawExchange.get("/hello.txt?pop=SJC", "Range: bytes=0-1",
                "Range: bytes=3-4", "Connection: close"), 5_000);
        assertEquals(400, exchange.status(), exchange.toString());
        assertTrue(exchange.rawBody().contains("Range"), exchange.toString());
        assertFalse(exchange.text().contains("hello"), exchange.toString());
        assertNull(exchange.header("X-B2-Host"), "no origin was asked: " + exchange);

        RawExchange one = RawExchange.send(port(), RawExchange.get("/hello.txt?pop=SJC", "Range: bytes=0-4",
                "Connection: close"), 5_000);
        assertEquals(206, one.status(), one.toString());
        assertEquals("hello", one.rawBody());
    }

    static void assertOneAnswerAndClosed(RawExchange exchange) {
        assertEquals(1, exchange.responses(), "the bytes after the first request must not be answered: " + exchange);
        assertFalse(exchange.text().contains("SMUG"), exchange.toString());
        assertFalse(exchange.text().contains("hello from"), exchange.toString());
        assertTrue(exchange.closedByProxy(), exchange.toString());
    }
}
