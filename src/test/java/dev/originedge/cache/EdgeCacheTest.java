package dev.originedge.cache;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.testing.FaultOrigin;
import dev.originedge.testing.LogLines;
import dev.originedge.testing.RawExchange;
import dev.originedge.testing.RealOrigins;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The edge cache against real origins: the fault origin (POP ZZF) counts requests per path and answers with
 * freshness, breaks bodies off, answers slowly; S3Proxy holds {@code cached.txt} (max-age=60) in each region.
 * Every test uses paths of its own, so that no entry of another test answers.
 */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class EdgeCacheTest {

    private static Response get(String path) {
        return given().queryParam("pop", "ZZF").get(path);
    }

    @Test
    void aFreshAnswerIsStoredAndTheNextRequestIsAHit() {
        Response miss = get("/cache-hit/fresh");
        assertEquals(200, miss.statusCode());
        assertEquals("OriginEdge; fwd=uri-miss; stored", miss.header("Cache-Status"));
        Response hit = get("/cache-hit/fresh");
        assertEquals(200, hit.statusCode());
        assertTrue(hit.header("Cache-Status").startsWith("OriginEdge; hit; ttl="), hit.header("Cache-Status"));
        assertNotNull(hit.header("Age"));
        assertEquals(miss.asString(), hit.asString());
        assertEquals(miss.header("ETag"), hit.header("ETag"));
        assertEquals(miss.header("X-B2-Host"), hit.header("X-B2-Host"), "the origin that filled the entry");
        assertEquals(1, RealOrigins.faults.requests("/site/cache-hit/fresh"), "one origin request for both");
    }

    @Test
    void hitsAndMissesAreCountedAndLogged() {
        LogLines log = LogLines.mark();
        get("/cache-ops/fresh");
        get("/cache-ops/fresh");
        log.awaitLine("the miss that stored", l -> l.contains("GET /cache-ops/fresh pop=ZZF") && l.endsWith("cache=STORED"));
        log.awaitLine("the hit", l -> l.contains("GET /cache-ops/fresh pop=ZZF") && l.contains("attempts=0")
                && l.endsWith("cache=HIT"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : new String[] { "edge_cache_requests_total{result=\"hit\"}",
                "edge_cache_requests_total{result=\"stored\"}", "edge_cache_bytes ", "edge_cache_entries ",
                "edge_cache_evictions_total " }) {
            assertTrue(metrics.contains(series), series + " in\n" + metrics.lines().filter(l -> l.contains("cache"))
                    .toList());
        }
    }

    @Test
    void aChunkedBodyIsStoredWhole() {
        assertEquals("chunked ok", get("/cache-chunked/fresh-chunked").asString());
        Response hit = get("/cache-chunked/fresh-chunked");
        assertEquals("chunked ok", hit.asString());
        assertEquals("10", hit.header("Content-Length"));
        assertEquals(1, RealOrigins.faults.requests("/site/cache-chunked/fresh-chunked"));
    }

    @Test
    void aTruncatedBodyIsNeverStored() throws Exception {
        for (int i = 0; i < 2; i++) {
            RawExchange broken = RawExchange.send(RestAssured.port, RawExchange.get("/cache-half/fresh-half?pop=ZZF"),
                    5_000);
            assertEquals(200, broken.status());
            assertTrue(broken.closedByProxy(), "a broken body ends with the connection: " + broken);
            assertEquals("abc", broken.rawBody());
        }
        assertEquals(2, RealOrigins.faults.requests("/site/cache-half/fresh-half"), "the half body was not stored");
    }

    @ParameterizedTest
    @ValueSource(strings = { "fresh-206", "fresh-nostore", "fresh-private", "fresh-vary" })
    void answersThatMustNotBeStoredAreNot(String fault) {
        String path = "/cache-never/" + fault;
        int first = get(path).statusCode();
        assertEquals(first, get(path).statusCode());
        assertEquals(2, RealOrigins.faults.requests("/site" + path), fault + " was answered from the cache");
    }

    @Test
    void aCookieTheProxyStripsIsNeitherStoredNorServed() {
        // edge.response.strip-headers drops Set-Cookie: what is stored is what clients get, without it
        assertEquals(null, get("/cache-cookie/fresh-cookie").header("Set-Cookie"));
        Response hit = get("/cache-cookie/fresh-cookie");
        assertTrue(hit.header("Cache-Status").contains("hit"), hit.header("Cache-Status"));
        assertEquals(null, hit.header("Set-Cookie"));
    }

    @Test
    void copiesForOneOriginListAreNeverServedForAnother() {
        String sjc = given().queryParam("pop", "SJC").get("/cached.txt").asString();
        Response ams = given().queryParam("pop", "AMS").get("/cached.txt");
        assertEquals("cached.txt (us)\n", sjc);
        assertEquals("cached.txt (eu)\n", ams.asString(), "AMS asks eu first: its own entry");
        Response again = given().queryParam("pop", "SJC").get("/cached.txt");
        assertEquals("cached.txt (us)\n", again.asString());
        assertTrue(again.header("Cache-Status").contains("hit"), again.header("Cache-Status"));
    }

    @Test
    void headAndRangeMissesStoreNothing() {
        assertEquals(200, given().queryParam("pop", "ZZF").head("/cache-head/fresh").statusCode());
        Response range = given().queryParam("pop", "ZZF").header("Range", "bytes=0-1").get("/cache-head/fresh");
        assertEquals("OriginEdge; fwd=bypass", range.header("Cache-Status"));
        Response full = get("/cache-head/fresh");
        assertEquals("OriginEdge; fwd=uri-miss; stored", full.header("Cache-Status"), "the first GET fills");
        assertEquals(3, RealOrigins.faults.requests("/site/cache-head/fresh"));
        Response head = given().queryParam("pop", "ZZF").head("/cache-head/fresh");
        assertTrue(head.header("Cache-Status").contains("hit"), "a HEAD is answered by the entry: "
                + head.header("Cache-Status"));
        assertEquals(full.header("Content-Length"), head.header("Content-Length"));
        assertEquals(3, RealOrigins.faults.requests("/site/cache-head/fresh"));
    }

    @Test
    void concurrentColdMissesMakeOneOriginRequest() throws Exception {
        byte[] expected = FaultOrigin.slowBody();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<byte[]>> bodies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                bodies.add(pool.submit(() -> get("/cache-stampede/fresh-slow").then().statusCode(200).extract()
                        .asByteArray()));
            }
            for (Future<byte[]> body : bodies) {
                assertArrayEquals(expected, body.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, RealOrigins.faults.requests("/site/cache-stampede/fresh-slow"), "one fill for 50 misses");
    }
}
