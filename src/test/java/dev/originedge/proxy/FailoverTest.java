package dev.originedge.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * One region's trouble is invisible to clients: each POP below lists an origin that fails in its own way,
 * then a healthy one (the real "eu" S3 origin).
 */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class FailoverTest {

    static String euHost() {
        return "127.0.0.1:" + RealOrigins.euPort;
    }

    private static void servedByEu(String pop) {
        given().queryParam("pop", pop).get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("eu"))).header("X-B2-Host", euHost());
    }

    @Test
    void aRefusedConnectionFailsOverToTheNextOrigin() {
        servedByEu("ZZA");
    }

    @Test
    void noResponseHeadersInTimeFailOverToTheNextOrigin() {
        servedByEu("ZZB");
    }

    @Test
    void aBlackHoledOriginIsAConnectFailureThatFailsOver() {
        servedByEu("ZZI");
    }

    @Test
    void aBlackHoledOriginAloneIsABadGatewayNotATimeout() {
        // 502 "unreachable": edge.connect-timeout (1 s) decided, not edge.origin-timeout (2 s, a 504).
        given().queryParam("pop", "ZZH").get("/hello.txt").then()
                .statusCode(502).body(containsString("unreachable"));
    }

    @Test
    void aFailoverStatusFailsOverToTheNextOrigin() {
        servedByEu("ZZU");
    }

    @Test
    void whenEveryOriginFailsTheLastRealAnswerIsPassedOnWithoutItsBody() {
        for (String pop : new String[] { "ZZX", "ZZY" }) {
            Response response = given().queryParam("pop", pop).get("/hello.txt");
            response.then().statusCode(503).header("Retry-After", "7")
                    .header("Content-Type", containsString("text/plain"))
                    .body(equalTo("503 Service Unavailable\n"))
                    .body(not(containsString("FAULT-KEY-ID")));
        }
    }

    @Test
    void aStatusThatIsNotAFailoverStatusIsPassedOnAtOnce() {
        given().queryParam("pop", "ZZA").get("/no-such-key").then()
                .statusCode(404).header("X-B2-Host", euHost());
        given().queryParam("pop", "SJC").get("/no-such-key").then()
                .statusCode(404).header("X-B2-Host", "127.0.0.1:" + RealOrigins.usPort);
    }

    @Test
    void aPooledConnectionTheOriginClosedIsRetriedOnceOnAFreshOne() throws Exception {
        int closedBefore = RealOrigins.faults.closedUnanswered();
        try {
            for (int i = 0; i < 3; i++) {
                given().queryParam("pop", "ZZF").get("/keep-alive").then().statusCode(200).body(equalTo("ok"));
            }
        } finally {
            RealOrigins.faults.closeKeptAlive(); // none is left in the pool for the next test's request
        }
        assertTrue(RealOrigins.faults.closedUnanswered() > closedBefore,
                "the origin closed a kept-alive connection under a request, and the client never saw it");
    }

    @Test
    void killingAnOriginUnderLoadLosesNoRequestAndTrafficReturnsWhenItIsBack() throws Exception {
        String relayed = "127.0.0.1:" + RealOrigins.relay.port();
        given().queryParam("pop", "ZZK").get("/hello.txt").then().statusCode(200).header("X-B2-Host", relayed);

        int clients = 8;
        int perClient = 500;
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> results = new ArrayList<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                long[] stats = new long[3]; // max latency ns, requests to eu, requests to relayed
                for (int i = 0; i < perClient; i++) {
                    long started = System.nanoTime();
                    Response r = given().queryParam("pop", "ZZK").get("/hello.txt");
                    stats[0] = Math.max(stats[0], System.nanoTime() - started);
                    if (r.statusCode() != 200 || !r.asString().startsWith("hello from ")) {
                        failures.add(r.statusCode() + " " + r.asString());
                    } else if (euHost().equals(r.header("X-B2-Host"))) {
                        stats[1]++;
                    } else {
                        stats[2]++;
                    }
                    done.incrementAndGet();
                }
                return stats;
            }));
        }
        while (done.get() < clients * perClient / 5) {
            Thread.sleep(5);
        }
        long killedAt = System.nanoTime();
        RealOrigins.relay.kill();
        long maxNs = 0;
        long eu = 0;
        long relayedCount = 0;
        for (Future<long[]> f : results) {
            long[] stats = f.get(120, TimeUnit.SECONDS);
            maxNs = Math.max(maxNs, stats[0]);
            eu += stats[1];
            relayedCount += stats[2];
        }
        pool.shutdown();
        System.out.printf("FAILOVER UNDER LOAD: %d requests, %d failed, %d from the killed origin before the kill, "
                + "%d from eu; slowest request %.1f ms; load ran %.1f s past the kill%n", clients * perClient,
                failures.size(), relayedCount, eu, maxNs / 1e6, (System.nanoTime() - killedAt) / 1e9);
        assertEquals(List.of(), failures, "no client request may fail while an origin is killed");
        assertTrue(eu > 0 && relayedCount > 0, "traffic moved from the killed origin to eu");

        RealOrigins.relay.revive();
        // Ejected for at most edge.health.max-ejection-time (2 s in tests), then live traffic finds it again.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String host = "";
        while (!host.equals(relayed) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            host = given().queryParam("pop", "ZZK").get("/hello.txt").then().statusCode(200).extract()
                    .header("X-B2-Host");
        }
        assertEquals(relayed, host, "traffic returns to the nearest origin once it is back");
    }
}
