package dev.originedge.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.testing.PresetOrigins;
import dev.originedge.testing.RawExchange;
import dev.originedge.testing.RealOrigins;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A web origin gets the path as the client sent it, under its {@code path-prefix}: so the spellings of {@code ..}
 * that web servers understand (Tomcat's and Spring's {@code ;params}, a backslash as separator, escaped or not)
 * must never reach it. Raw requests, so that no client library normalises them first.
 */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PresetOrigins.class, restrictToAnnotatedClass = true)
class WebOriginPathTest {

    /** POP of origin "web": provider=http, path-prefix=/shop. */
    static final String WEB = "YHT";

    private static RawExchange get(String target) throws Exception {
        return RawExchange.send(RestAssured.port, RawExchange.get(target, "X-Edge-Pop: " + WEB, "Connection: close"),
                5_000);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/..;/admin", "/a/..;/..;/admin", "/..;jsessionid=1/admin", "/.;/admin",
            "/%2e%2e;/admin", "/..%3B/admin", "/..%5Cadmin", "/%2e%2e%5cadmin", "/a%5C..%5C..%5Cadmin",
            "/a/..%5C/admin", "/..\\admin", "/a\\..\\..\\admin", "/.%5Cadmin", "/..;x%5C/admin" })
    void dotSegmentsInEverySpellingAreRefusedBeforeTheOriginSeesThem(String target) throws Exception {
        int before = PresetOrigins.recorder.seen().size();
        RawExchange exchange = get(target);
        assertEquals(400, exchange.status(), target + " -> " + exchange);
        assertEquals(before, PresetOrigins.recorder.seen().size(),
                "the origin saw " + PresetOrigins.recorder.seen().subList(before, PresetOrigins.recorder.seen().size()));
    }

    @Test
    void parametersAndBackslashesInsideNamesStillReachTheApp() throws Exception {
        for (String target : new String[] { "/users/@ann;v=1/a", "/a..;b/c", "/a%5Cb", "/..x;y/z" }) {
            RawExchange exchange = get(target);
            assertEquals(200, exchange.status(), target + " -> " + exchange);
            assertTrue(exchange.rawBody().startsWith("web /shop" + target), exchange.toString());
        }
    }
}
