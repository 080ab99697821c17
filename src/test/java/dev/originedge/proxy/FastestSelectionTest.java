package dev.originedge.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.originedge.testing.TunedProfile;
import dev.originedge.testing.RealOrigins;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code edge.selection=fastest}: POP ZZK prefers "relayed" (the us S3 origin behind a relay the test can
 * slow down) and falls back to "eu". A delay on the relay moves traffic to eu; without it traffic comes back.
 * POP ZZJ puts "empty" (an instant 404 for every key) behind "relayed".
 */
@QuarkusTest
@TestProfile(TunedProfile.class)
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class FastestSelectionTest {

    @AfterEach
    void noDelay() {
        RealOrigins.relay.delay(0);
    }

    /** Sends requests until most of the last 20 came from {@code host}; false if that never happens. */
    private static boolean trafficSettlesOn(String host, int maxRequests) {
        Deque<String> last = new ArrayDeque<>();
        for (int i = 0; i < maxRequests; i++) {
            last.addLast(given().queryParam("pop", "ZZK").get("/hello.txt").then().statusCode(200).extract()
                    .header("X-B2-Host"));
            if (last.size() > 20) {
                last.removeFirst();
            }
            if (last.size() == 20 && last.stream().filter(host::equals).count() >= 14) {
                return true;
            }
        }
        return false;
    }

    @Test
    void trafficMovesToTheFasterOriginAndBackWhenTheDelayIsGone() {
        String relayed = "127.0.0.1:" + RealOrigins.relay.port();
        String eu = "127.0.0.1:" + RealOrigins.euPort;
        assertTrue(trafficSettlesOn(relayed, 200), "equally fast: the POP map's first origin");
        RealOrigins.relay.delay(150);
        assertTrue(trafficSettlesOn(eu, 300), "the relayed origin is 150 ms slower: traffic moves to eu");
        RealOrigins.relay.delay(0);
        assertTrue(trafficSettlesOn(relayed, 500), "fast again: traffic returns to the nearest origin");
    }

    @Test
    void anOriginAnsweringInstant404sDoesNotBecomeTheLeader() {
        RealOrigins.relay.delay(100);
        String relayed = "200 127.0.0.1:" + RealOrigins.relay.port();
        // Exploration (20 %) sends requests to "empty" meanwhile: 80 requests give both origins their samples
        // (5 each), after which a ranking that learns from 404s would have made "empty" the leader.
        for (int i = 0; i < 80; i++) {
            given().queryParam("pop", "ZZJ").get("/hello.txt");
        }
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var response = given().queryParam("pop", "ZZJ").get("/hello.txt");
            answers.add(response.statusCode() + " " + response.header("X-B2-Host")); // a 404 comes from "empty"
        }
        long fromRelayed = answers.stream().filter(relayed::equals).count();
        assertTrue(fromRelayed >= 24, "a 404 in 1 ms is not a faster answer than a 200 in 100 ms: " + answers);
    }
}
