package dev.originedge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.TunedProfile;
import dev.originedge.testing.RawExchange;
import dev.originedge.testing.RealOrigins;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** Many slow downloads hold many origin connections; fast clients of the same origin are still served. */
@QuarkusTest
@TestProfile(TunedProfile.class) // its long edge.idle-timeout: see there
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class SlowReadersTest {

    static final int SLOW_READERS = 300;

    @Test
    void threeHundredSlowReadersDoNotStarveFastClientsOfTheSameOrigin() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reading = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(SLOW_READERS);
        List<Future<Long>> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_READERS; i++) {
                slow.add(readers.submit(() -> {
                    try (Socket socket = new Socket()) {
                        socket.setSoTimeout(20_000); // a download that stops moving fails here, not hangs the test
                        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port));
                        socket.getOutputStream().write(
                                RawExchange.get("/big-body?pop=ZZF").getBytes(StandardCharsets.US_ASCII));
                        InputStream in = socket.getInputStream();
                        byte[] buffer = new byte[8192];
                        long total = in.read(buffer);
                        if (!new String(buffer, 0, 12, StandardCharsets.ISO_8859_1).equals("HTTP/1.1 200")) {
                            throw new AssertionError("a slow reader did not get its download: "
                                    + new String(buffer, 0, (int) Math.max(0, total), StandardCharsets.ISO_8859_1));
                        }
                        reading.incrementAndGet();
                        while (!stop.get()) {
                            Thread.sleep(100); // slow (80 KB/s), but never idle for edge.idle-timeout
                            int n = in.read(buffer);
                            if (n < 0) {
                                return -total; // cut off
                            }
                            total += n;
                        }
                        return total;
                    }
                }));
                // Arrive over ~3 s rather than in one burst: 300 origin threads on the test machine's own cores
                // would otherwise starve the proxy for longer than the suite's 2 s header timeout.
                Thread.sleep(10);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reading.get() < SLOW_READERS && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(SLOW_READERS, reading.get(), "every slow reader got its download going");

            // The same origin, while it has 300 downloads open (the pool used to stop at 256).
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                var response = RestAssured.given().queryParam("pop", "ZZF").get("/ok");
                if (response.statusCode() != 200) {
                    failures.add(response.statusCode() + " " + response.asString());
                }
                var other = RestAssured.given().queryParam("pop", "SJC").get("/hello.txt");
                if (other.statusCode() != 200) {
                    failures.add(other.statusCode() + " " + other.asString());
                }
            }
            assertEquals(List.of(), failures);
        } finally {
            stop.set(true);
            readers.shutdown();
        }
        for (Future<Long> reader : slow) {
            assertTrue(reader.get(30, TimeUnit.SECONDS) > 0, "a slow reader was cut off while it kept reading");
        }
    }
}
