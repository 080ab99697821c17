package dev.originedge.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.RawExchange;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * A client that sends its request head slowly (slowloris) is cut once {@code edge.request-header-timeout} has
 * passed, on a new connection and for the next request of a kept-alive one; a request whose head arrived in time
 * is never cut by it, however long its answer takes. Raw sockets, one byte at a time.
 */
@QuarkusTest
@TestProfile(RequestHeadDeadlineTest.ShortDeadline.class)
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class RequestHeadDeadlineTest {

    /** A 1 s deadline, so that a head dribbled at a byte per 300 ms (about 10 s in all) is cut long before its end. */
    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("edge.request-header-timeout", "1s");
        }
    }

    static final byte[] HEAD = "GET /hello.txt HTTP/1.1\r\nHost: edge.test\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Sends {@link #HEAD} a byte per 300 ms; the milliseconds until the proxy closed, or -1 if it never did. */
    private static long dribble(Socket socket) throws IOException {
        socket.setSoTimeout(300);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        long start = System.nanoTime();
        for (byte b : HEAD) {
            try {
                out.write(b);
                out.flush();
                if (in.read() < 0) { // nothing is ever answered: end of stream is the proxy closing
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
                throw new AssertionError("the proxy answered a head that is not complete");
            } catch (SocketTimeoutException stillOpen) {
                // 300 ms passed: the next byte
            } catch (IOException reset) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
        }
        return -1;
    }

    private static Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), RestAssured.port);
    }

    @Test
    void aHeadSentAByteAtATimeIsCutOnceTheDeadlinePasses() throws Exception {
        try (Socket socket = connect()) {
            long closedAfter = dribble(socket);
            assertTrue(closedAfter >= 0, "the connection was still open after the whole head (~10 s)");
            assertTrue(closedAfter >= 700 && closedAfter < 5_000, "closed after " + closedAfter + " ms");
        }
    }

    @Test
    void theNextHeadOfAKeptAliveConnectionHasTheSameDeadline() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(RawExchange.get("/hello.txt?pop=SJC").getBytes(StandardCharsets.US_ASCII));
            String first = readResponse(socket.getInputStream());
            assertTrue(first.startsWith("HTTP/1.1 200"), first);
            assertTrue(first.endsWith(TestSite.hello("us")), first);

            long closedAfter = dribble(socket);
            assertTrue(closedAfter >= 0, "the kept-alive connection's next head was never cut");
            assertTrue(closedAfter < 5_000, "closed after " + closedAfter + " ms");
        }
    }

    @Test
    void aRequestWhoseHeadArrivedInTimeIsNotCutHoweverLongItsAnswerTakes() throws Exception {
        // The "slow" origin never answers: the 504 comes after edge.origin-timeout (2 s), past the 1 s deadline.
        RawExchange exchange = RawExchange.send(RestAssured.port,
                RawExchange.get("/hello.txt?pop=ZZT", "Connection: close"), 10_000);
        assertEquals(504, exchange.status(), exchange.toString());
        given().get("/hello.txt").then().statusCode(200);
    }

    /** One response with Content-Length, read whole. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int length = -1;
        int bodyStart = -1;
        while (bodyStart < 0 || bytes.size() < bodyStart + length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            if (bodyStart < 0 && text.endsWith("\r\n\r\n")) {
                bodyStart = text.length();
                for (String line : text.split("\r\n")) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
