package dev.originedge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.RawExchange;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.Timeouts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A client that stops reading a download is disconnected once {@code edge.idle-timeout} (2 s here) has cut the
 * body: with a TCP reset, which drops the megabytes still queued for it, instead of a graceful close that waits
 * for a reader that is not there (the socket used to stay open with 4 MB queued).
 */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class ClientStallTest {

    static final long BODY = 64L << 20; // the fault origin's big-body

    @Test
    void aClientThatStopsReadingIsResetNotLeftWithItsQueue() throws Exception {
        try (Socket socket = Timeouts.socket(RestAssured.port, 5_000)) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.getOutputStream().write(RawExchange.get("/big-body?pop=ZZF").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            int n = in.read(buffer);
            assertEquals("HTTP/1.1 200", new String(buffer, 0, 12, StandardCharsets.ISO_8859_1));
            long received = n;

            Thread.sleep(5_000); // not reading: the proxy's idle timeout (2 s) cuts the body meanwhile

            try {
                while ((n = in.read(buffer)) >= 0) {
                    received += n;
                }
                fail("a clean end after " + received + " bytes: a cut body must not end like a whole one");
            } catch (SocketTimeoutException e) {
                fail("still connected with nothing moving, " + received + " bytes read: the proxy kept the socket");
            } catch (SocketException e) {
                assertTrue(e.getMessage().contains("reset"), e.toString());
            }
            assertTrue(received < BODY, "the whole body came: " + received);
        }
    }
}
