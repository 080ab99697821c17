package dev.originedge.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.testing.LogLines;
import dev.originedge.testing.RawExchange;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** HTTP details a cache or a front proxy relies on: request framing, hop-by-hop headers, 304/416, HTTP/1.0. */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class HttpCorrectnessTest {

    static int port() {
        return RestAssured.port;
    }

    @ParameterizedTest
    @ValueSource(strings = { "Transfer-Encoding: chunked\r\nContent-Length: 5", "Transfer-Encoding: gzip",
            "Transfer-Encoding: chunked, gzip", "Transfer-Encoding: chunk" })
    void ambiguousBodyFramingIsRefusedAndTheSmuggledRequestNeverAnswered(String framing) throws Exception {
        String smuggled = RawExchange.get("/hello.txt?pop=AMS");
        String request = "GET /hello.txt?pop=SJC HTTP/1.1\r\nHost: edge.test\r\n" + framing + "\r\n\r\n0\r\n\r\n"
                + smuggled;
        RawExchange exchange = RawExchange.send(port(), request, 5_000);
        assertEquals(400, exchange.status(), exchange.toString());
        assertEquals(1, exchange.responses(), "the smuggled request must not be answered: " + exchange);
        assertFalse(exchange.text().contains("hello from"), exchange.toString());
        assertTrue(exchange.closedByProxy(), exchange.toString());
    }

    @Test
    void aGetWithABodyIsServedAndTheBodyIsNeitherForwardedNorReadAsARequest() throws Exception {
        String body = "GET /hello.txt?pop=AMS HTTP/1.1\r\n\r\n"; // looks like a request, is a body
        String request = "GET /hello.txt?pop=SJC HTTP/1.1\r\nHost: edge.test\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body + RawExchange.get("/hello.txt?pop=SJC", "Connection: close");
        RawExchange exchange = RawExchange.send(port(), request, 5_000);
        assertEquals(2, exchange.responses(), exchange.toString());
        assertFalse(exchange.text().contains(TestSite.hello("eu")), exchange.toString());
    }

    @Test
    void anHttp11RequestWithoutHostIsABadRequestNotAnError() throws Exception {
        LogLines log = LogLines.mark();
        RawExchange exchange = RawExchange.send(port(), "GET /hello.txt HTTP/1.1\r\nConnection: close\r\n\r\n", 5_000);
        assertEquals(400, exchange.status(), exchange.toString());
        assertFalse(log.textSince().contains(" ERROR "), "no ERROR line for a bad request:\n" + log.textSince());
    }

    @Test
    void headersTheOriginsConnectionHeaderNamesAreDropped() throws Exception {
        RawExchange exchange = RawExchange.send(port(), RawExchange.get("/hop-headers?pop=ZZF", "Connection: close"),
                5_000);
        assertEquals(200, exchange.status());
        assertNull(exchange.header("X-Hop-Secret"), exchange.toString());
        assertEquals("kept", exchange.header("X-End-To-End"));
    }

    @Test
    void aRangeNotSatisfiableKeepsItsContentRange() throws Exception {
        RawExchange exchange = RawExchange.send(port(), RawExchange.get("/status-416?pop=ZZF", "Connection: close"),
                5_000);
        assertEquals(416, exchange.status());
        assertEquals("bytes */100", exchange.header("Content-Range"), exchange.toString());
        assertFalse(exchange.text().contains("<Error>"), exchange.toString());
    }

    @Test
    void aNotModifiedHasNoContentLength() throws Exception {
        String etag = given().get("/hello.txt").then().statusCode(200).extract().header("ETag");
        RawExchange exchange = RawExchange.send(port(),
                RawExchange.get("/hello.txt?pop=SJC", "If-None-Match: " + etag, "Connection: close"), 5_000);
        assertEquals(304, exchange.status(), exchange.toString());
        assertNull(exchange.header("Content-Length"), exchange.toString());
        assertEquals(etag, exchange.header("ETag"));
    }

    @Test
    void aDateIsAddedWhenTheOriginSentNone() throws Exception {
        RawExchange exchange = RawExchange.send(port(), RawExchange.get("/ok?pop=ZZF", "Connection: close"), 5_000);
        assertEquals(200, exchange.status());
        assertNotNull(exchange.header("Date"), exchange.toString());
    }

    @Test
    void aTargetThatIsNotAUriIsRefusedByTheServerWithoutAnErrorLine() throws Exception {
        // Quarkus validates the request target as a URI before any route runs (a guard we keep: its switch,
        // -Dvertx.disableURIValidation, is documented as unsafe); it answers a bare 400.
        LogLines log = LogLines.mark();
        RawExchange exchange = RawExchange.send(port(), RawExchange.get("/hello.txt?x=%zz", "Connection: close"),
                5_000);
        assertEquals(400, exchange.status(), exchange.toString());
        assertFalse(log.textSince().contains(" ERROR "), log.textSince());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/hello.txt?x=1&&y&=z", "/hello.txt?popcorn=AMS", "/hello.txt?pop=AMS&&x&=y", "/hello.txt?a=%41&pop=AMS" })
    void anOddQueryIsDroppedLikeAnyOtherAndOnlyPopIsRead(String target) throws Exception {
        RawExchange exchange = RawExchange.send(port(), RawExchange.get(target, "Connection: close"), 5_000);
        assertEquals(200, exchange.status(), exchange.toString());
        assertTrue(exchange.rawBody().startsWith("hello from " + (target.contains("pop=AMS") ? "eu" : "us")),
                exchange.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Connection: keep-alive\r\n" })
    void anHttp10ClientGetsABodyWithoutLengthDelimitedByClose(String connection) throws Exception {
        RawExchange exchange = RawExchange.send(port(),
                "GET /no-length?pop=ZZF HTTP/1.0\r\nHost: edge.test\r\n" + connection + "\r\n", 5_000);
        assertEquals(200, exchange.status(), exchange.toString());
        assertNull(exchange.header("Transfer-Encoding"), "HTTP/1.0 has no chunked encoding: " + exchange);
        if (connection.isEmpty()) {
            // (A keep-alive HTTP/1.0 client is told keep-alive by Vert.x, which decides that header itself;
            // the close below is what delimits its body.)
            assertEquals("close", exchange.header("Connection"), exchange.toString());
        }
        assertEquals("delimited by close\n", exchange.rawBody());
        assertTrue(exchange.closedByProxy(), exchange.toString());
    }

    @Test
    void anOriginErrorIsLoggedOnceWithItsS3CodeButNotItsDocument() throws Exception {
        // Only this test makes the fault origin answer 403: the line is this test's (once per origin and kind in 10 s).
        LogLines log = LogLines.mark();
        for (int i = 0; i < 3; i++) {
            given().queryParam("pop", "ZZF").get("/status-403").then().statusCode(403);
        }
        log.awaitLine("the S3 code names the problem", l -> l.contains("Origin faulty answered 403 FaultCode403"));
        assertEquals(1, log.linesSince().stream().filter(l -> l.contains("answered 403 FaultCode403")).count(),
                "rate-limited:\n" + log.textSince());
        assertFalse(log.textSince().contains("FAULT-KEY-ID"), "nothing else of the error document is logged");
    }

    @Test
    void anErrorCarriesNoneOfTheOriginsInstructionsToTheCdn() throws Exception {
        RawExchange exchange = RawExchange.send(port(), RawExchange.get("/status-404?pop=ZZF", "Connection: close"),
                5_000);
        assertEquals(404, exchange.status(), exchange.toString());
        assertNull(exchange.header("Surrogate-Control"), "errors are no-store for the CDN too: " + exchange);
        assertNull(exchange.header("CDN-Cache-Control"), exchange.toString());
        assertNull(exchange.header("Alt-Svc"), exchange.toString());
    }

    @Test
    void theOriginsAltSvcIsNotTheEdges() throws Exception {
        RawExchange exchange = RawExchange.send(port(), RawExchange.get("/provider-headers?pop=ZZF", "Connection: close"),
                5_000);
        assertEquals(200, exchange.status(), exchange.toString());
        assertEquals("\"fault-etag\"", exchange.header("ETag"), "the origin's own headers are there");
        assertNull(exchange.header("Alt-Svc"), "clients would go around the edge: " + exchange);
    }
}
