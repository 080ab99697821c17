package dev.originedge.origin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.PresetOrigins;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.RecordingOrigin;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What a web app answers, as the client gets it: a resumed download of an object that changed, the app's own
 * redirects under its {@code path-prefix}, and cache rules that reach its content but not its redirects. Origin
 * "web" (POP YHT) is the app at {@code /shop} of its host.
 */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PresetOrigins.class, restrictToAnnotatedClass = true)
class WebAppAnswersTest {

    private static RequestSpecification web() {
        return given().redirects().follow(false).header("X-Edge-Pop", "YHT");
    }

    private static RecordingOrigin.Seen lastAt(String path) {
        return PresetOrigins.recorder.last(s -> s.path().equals("/shop" + path));
    }

    @Test
    void aResumeWithAStaleValidatorGetsTheWholeNewObject() {
        Response stale = web().header("Range", "bytes=0-3").header("If-Range", "\"nope\"").get("/resume.bin");
        assertEquals(200, stale.statusCode(), "the old bytes must not be spliced onto the new object");
        assertEquals(PresetOrigins.RESUMABLE, stale.asString());
        assertEquals("\"nope\"", lastAt("/resume.bin").header("if-range"), "If-Range goes with Range");

        Response current = web().header("Range", "bytes=0-3").header("If-Range", PresetOrigins.RESUMABLE_ETAG)
                .get("/resume.bin");
        assertEquals(206, current.statusCode(), "the validator still matches: the range");
        assertEquals(PresetOrigins.RESUMABLE.substring(0, 4), current.asString());
        assertEquals("bytes 0-3/" + PresetOrigins.RESUMABLE.length(), current.header("Content-Range"));
    }

    @Test
    void ifRangeWithoutRangeIsNotSentOn() {
        Response response = web().header("If-Range", "\"nope\"").get("/resume.bin");
        assertEquals(200, response.statusCode());
        assertNull(lastAt("/resume.bin").header("if-range"), "If-Range means nothing without Range (RFC 9110)");
    }

    @Test
    void theAppsOwnRedirectComesBackWithoutItsPathPrefix() {
        Response relative = web().get("/own-path-redirect");
        assertEquals(302, relative.statusCode(), relative.asString());
        assertEquals("/x", relative.header("Location"), "/shop/x would come back as /shop/shop/x");

        Response absolute = web().get("/own-host-redirect");
        assertEquals(301, absolute.statusCode(), absolute.asString());
        assertEquals("/y?z=1", absolute.header("Location"));

        Response elsewhere = web().get("/elsewhere");
        assertEquals("https://accounts.example.org/auth", elsewhere.header("Location"), "another host: as it is");
    }

    @Test
    void cacheRulesReachTheAppsContentButNotItsRedirects() {
        Response page = web().get("/app/page");
        assertEquals(200, page.statusCode(), page.asString());
        assertEquals(PresetOrigins.APP_CACHE_CONTROL, page.header("Cache-Control"), "the rule is in force");

        Response redirect = web().get("/app/login-first");
        assertEquals(302, redirect.statusCode(), redirect.asString());
        assertNotEquals(PresetOrigins.APP_CACHE_CONTROL, redirect.header("Cache-Control"),
                "an immutable redirect to the sign-in page would be cached for a year");
    }
}
