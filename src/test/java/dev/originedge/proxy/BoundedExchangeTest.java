package dev.originedge.proxy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.BoundedProfile;
import dev.originedge.testing.RawExchange;
import dev.originedge.testing.RealOrigins;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Every origin read has a timer, and a whole exchange has one budget. */
@QuarkusTest
@TestProfile(BoundedProfile.class)
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class BoundedExchangeTest {

    @Test
    void errorBodiesThatStallDoNotPinThePool() throws Exception {
        // A 500 head, then 3 of its 100 bytes and nothing more: the proxy reads that body for its log. Three of
        // them against a pool of two: unbounded, those reads would hold both connections for ever.
        for (int i = 0; i < 3; i++) {
            RawExchange.send(RestAssured.port, RawExchange.get("/stall-error?pop=ZZF", "Connection: close"), 3_000);
        }
        // Each such read ends after edge.idle-timeout (2 s) with the connection closed: the pool is free again.
        await("the faulty origin is served again").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .pollInSameThread().untilAsserted(() -> {
                    Response ok = given().queryParam("pop", "ZZF").get("/ok");
                    assertEquals(200, ok.statusCode(), ok.asString());
                });
    }

    @Test
    void noOriginIsAskedOnceTheExchangesBudgetIsSpent() {
        // slow (2 s to first byte), then blackhole (1 s to connect): eu would answer after ~3 s, past the 2.5 s.
        Response response = given().queryParam("pop", "ZZQ").get("/hello.txt");
        assertEquals(504, response.statusCode(), response.asString());
        assertFalse(response.asString().contains("eu"), response.asString());
        // The budget is per request: the next one starts afresh (and eu answers once slow is ejected or skipped).
        Response direct = given().queryParam("pop", "ZZB").get("/hello.txt"); // slow, eu: 2 s, then eu
        assertEquals(200, direct.statusCode(), direct.asString());
    }
}
