package dev.originedge.site;

import static dev.originedge.site.StaticSiteTest.client;
import static dev.originedge.site.StaticSiteTest.host;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.testing.FaultOrigin;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.SiteProfile;
import dev.originedge.testing.TestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A static website with every {@code edge.site}, {@code edge.errors}, {@code edge.cache} and
 * {@code edge.response} setting in use ({@link SiteProfile}), against the same real origins: error pages,
 * the single-page-app fallback, cache rules, kept and added headers, and CORS from Quarkus' own filter.
 */
@QuarkusTest
@TestProfile(SiteProfile.class)
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class SiteFeaturesTest {

    static String us() {
        return host(RealOrigins.usPort);
    }

    static String eu() {
        return host(RealOrigins.euPort);
    }

    // Error pages

    @Test
    void aMissingPageGetsTheOriginsErrorPageWithTheOriginalStatus() {
        String page = TestSite.errorPage("us", 404);
        client().get("/missing.html").then().statusCode(404).contentType("text/html; charset=utf-8")
                .body(equalTo(page)).header("Content-Length", String.valueOf(page.length()))
                .header("X-B2-Host", us()).header("ETag", nullValue()).header("Location", nullValue());
    }

    @Test
    void theErrorPageComesFromTheRegionThatServedTheRequest() {
        client().get("/missing.html?pop=AMS").then().statusCode(404).body(equalTo(TestSite.errorPage("eu", 404)))
                .header("X-B2-Host", eu());
    }

    @Test
    void theErrorPageComesFromTheOriginThatAnsweredAfterAFailover() {
        // ZZU: an origin that answers 503, then eu.
        client().get("/missing.html?pop=ZZU").then().statusCode(404).body(equalTo(TestSite.errorPage("eu", 404)))
                .header("X-B2-Host", eu());
    }

    @Test
    void headOfAMissingPageHasTheErrorPagesHeadersAndNoBody() {
        client().head("/missing.html").then().statusCode(404).contentType("text/html; charset=utf-8")
                .header("Content-Length", String.valueOf(TestSite.errorPage("us", 404).length()))
                .body(emptyString());
    }

    @Test
    void aPrivateBucketsForbiddenGetsThe403PageFetchedWithASignedRequest() {
        client().get("/secret.html?pop=ZZL").then().statusCode(403).body(equalTo(TestSite.errorPage("us", 403)))
                .contentType(startsWith("text/html")).header("Cache-Control", "no-store")
                .body(not(containsString("AccessDenied")));
    }

    @Test
    void whenTheErrorObjectIsMissingTheInlinePageIsServed() {
        // The public bucket has no 404.html.
        client().get("/missing.html?pop=ZZP").then().statusCode(404).contentType("text/html;charset=utf-8")
                .body(equalTo(SiteProfile.INLINE_404)).header("Cache-Control", "no-store")
                .header("X-B2-Host", host(RealOrigins.publicPort));
    }

    @Test
    void whenTheErrorObjectCannotBeFetchedAndThereIsNoInlinePageThePlainLineRemains() {
        // ZZW signs with a wrong secret: the object, the probe and the 403 page all answer 403.
        client().get("/hello.txt?pop=ZZW").then().statusCode(403).contentType(startsWith("text/plain"))
                .body(equalTo("403 Forbidden\n")).header("Cache-Control", "no-store");
    }

    @Test
    void anyStatusCanHaveAnInlinePageWithItsOwnContentType() {
        client().get("/status-416?pop=ZZF").then().statusCode(416).contentType("application/problem+json")
                .body(equalTo(SiteProfile.PROBLEM_416)).header("Content-Range", "bytes */100")
                .header("Retry-After", "7");
    }

    @Test
    void anUnreachableOriginGetsTheInlinePageWithoutAnotherRequest() {
        client().get("/hello.txt?pop=ZZD").then().statusCode(502).contentType("text/html;charset=utf-8")
                .body(equalTo("<h1>Origin down</h1>")).header("Cache-Control", "no-store")
                .header("X-B2-Host", nullValue());
    }

    @Test
    void aTimedOutOriginGetsTheInlinePageAlthoughAnObjectIsConfigured() {
        client().get("/hello.txt?pop=ZZT").then().statusCode(504).body(equalTo("<h1>Too slow</h1>"));
    }

    @Test
    void anOriginThatAnswers503GetsTheInlinePageWhenTheObjectFails503Too() {
        client().get("/hello.txt?pop=ZZX").then().statusCode(503).body(equalTo("<h1>Busy</h1>"))
                .header("Retry-After", "7").body(not(containsString("FaultCode")));
    }

    @Test
    void anErrorPageObjectStreamsAndIsFetchedWithoutTheClientsConditions() throws Exception {
        // If-Match fails for hello.txt (412); the page is the 64 MiB object, fetched without that If-Match.
        try (java.io.InputStream in = client().header("If-Match", "\"no-such-etag\"").get("/hello.txt")
                .then().statusCode(412).header("Content-Length", String.valueOf(TestSite.BIG_SIZE))
                .header("Cache-Control", "no-store").extract().asInputStream()) {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; total += n) {
                sha.update(buffer, 0, n);
            }
            assertEquals(TestSite.BIG_SIZE, total);
            assertEquals(TestSite.sha256(TestSite.big()), java.util.HexFormat.of().formatHex(sha.digest()));
        }
    }

    @Test
    void errorPagesAreNotCachedUnlessARuleNamesThePage() {
        // edge.cache.rules[4] names /404.html; nothing names /403.html or the inline pages.
        client().get("/missing.html").then().statusCode(404).header("Cache-Control", "max-age=30")
                .header("Surrogate-Control", nullValue());
        client().get("/secret.html?pop=ZZL").then().statusCode(403).header("Cache-Control", "no-store");
        // /assets/** is immutable for a year: a missing asset's 404 must not be.
        client().get("/assets/missing.js?pop=ZZP").then().statusCode(404).header("Cache-Control", "no-store");
    }

    @Test
    void anErrorPageThatIsMissingItselfDoesNotRecurse() {
        client().get("/404.html?pop=ZZP").then().statusCode(404).body(equalTo(SiteProfile.INLINE_404));
    }

    // Single-page apps

    @ParameterizedTest
    @ValueSource(strings = { "/dashboard", "/dashboard/settings", "/users/42/edit", "/app/" })
    void aClientSideRouteGetsTheAppsDocumentWith200(String path) {
        client().get(path).then().statusCode(200).body(equalTo(TestSite.app("us"))).contentType(startsWith("text/html"))
                .header("X-B2-Host", us()).header("Cache-Control", "no-cache")
                .header("Surrogate-Control", "max-age=86400");
        client().get(path + "?pop=AMS").then().statusCode(200).body(equalTo(TestSite.app("eu")));
    }

    @Test
    void headOfAClientSideRouteHasTheDocumentsHeaders() {
        client().head("/dashboard").then().statusCode(200)
                .header("Content-Length", String.valueOf(TestSite.app("us").length()));
    }

    @Test
    void aMissingAssetKeepsIts404() {
        client().get("/assets/missing.js").then().statusCode(404).body(equalTo(TestSite.errorPage("us", 404)));
        client().get("/favicon.ico").then().statusCode(404);
    }

    @Test
    void aClientSideRouteOfAPrivateBucketIsServedFromIts403() {
        client().get("/dashboard?pop=ZZL").then().statusCode(200).body(equalTo(TestSite.app("us")));
    }

    @Test
    void withoutTheAppsDocumentTheErrorPageAnswers() {
        client().get("/dashboard?pop=ZZP").then().statusCode(404).body(equalTo(SiteProfile.INLINE_404));
    }

    @Test
    void theDirectoryRedirectIsDecidedBeforeTheFallbackAndTheErrorPage() {
        client().get("/docs?pop=AMS").then().statusCode(301).header("Location", "/docs/?pop=AMS")
                .header("Cache-Control", nullValue());
        client().get("/v1.2").then().statusCode(301).header("Location", "/v1.2/")
                .header("Cache-Control", "max-age=3600");
    }

    // Cache rules

    @Test
    void aPathRuleSetsCacheControl() {
        client().get("/assets/app.js").then().statusCode(200).body(equalTo(TestSite.asset("us")))
                .header("Cache-Control", SiteProfile.IMMUTABLE).header("Surrogate-Control", nullValue());
    }

    @Test
    void aContentTypeRuleMatchesTheMediaTypePrefix() {
        client().get("/img/photo.png").then().statusCode(200).contentType("image/png")
                .header("Cache-Control", "public, max-age=86400");
        client().get("/docs/").then().statusCode(200).header("Cache-Control", "no-cache")
                .header("Surrogate-Control", "max-age=86400");
    }

    @Test
    void theObjectsOwnCacheControlWinsUnlessTheRuleOverridesIt() {
        client().get("/cached.txt").then().statusCode(200).header("Cache-Control", TestSite.OBJECT_CACHE_CONTROL)
                .header("Surrogate-Control", "max-age=600");
        client().get("/forced.txt").then().statusCode(200).header("Cache-Control", "max-age=5");
    }

    @Test
    void noRuleNoHeader() {
        client().get("/hello.txt").then().statusCode(200).header("Cache-Control", nullValue())
                .header("Surrogate-Control", nullValue());
    }

    @Test
    void rulesApplyToPartialAndNotModifiedAnswers() {
        String etag = client().get("/assets/app.js").then().statusCode(200).extract().header("ETag");
        client().header("If-None-Match", etag).get("/assets/app.js").then().statusCode(304)
                .header("Cache-Control", SiteProfile.IMMUTABLE);
        client().header("Range", "bytes=0-6").get("/assets/app.js").then().statusCode(206)
                .body(equalTo("console")).header("Cache-Control", SiteProfile.IMMUTABLE);
    }

    // Headers

    @Test
    void keepHeadersAreExceptionsToTheStrippedOnes() {
        Response response = client().get("/provider-headers?pop=ZZF");
        assertEquals(200, response.statusCode());
        assertEquals("team-web", response.header("x-amz-meta-owner"));
        assertEquals(FaultOrigin.PROVIDER_HEADERS.get("x-amz-version-id"), response.header("x-amz-version-id"));
        for (String name : new String[] { "x-amz-request-id", "x-amz-storage-class", "x-amz-server-side-encryption",
                "x-amz-delete-marker", "x-goog-generation", "x-ms-request-id", "Server", "Set-Cookie" }) {
            assertNull(response.header(name), name);
        }
        client().get("/meta.txt?pop=AMS").then().statusCode(200).header("x-amz-meta-owner", TestSite.META_OWNER)
                .header("x-amz-request-id", nullValue()).header("x-amz-storage-class", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/hello.txt", "/missing.html", "/docs", "/dashboard", "/hello.txt?pop=ZZD",
            "/hello.txt?pop=nowhere", "/a/../b" })
    void addedHeadersAreOnEveryProxiedResponse(String target) {
        client().get(target).then().header("Strict-Transport-Security", SiteProfile.HSTS)
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void addedHeadersAreOnRefusedMethodsToo() {
        client().delete("/hello.txt").then().statusCode(405).header("Strict-Transport-Security", SiteProfile.HSTS);
    }

    // CORS (Quarkus' filter, in front of the proxy route)

    @Test
    void aPreflightIsAnsweredByTheCorsFilterNotRefusedWith405() {
        client().header("Origin", SiteProfile.CORS_ORIGIN).header("Access-Control-Request-Method", "GET")
                .options("/hello.txt").then().statusCode(200)
                .header("Access-Control-Allow-Origin", SiteProfile.CORS_ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("GET"))
                .header("Allow", nullValue());
    }

    @Test
    void aSimpleCrossOriginRequestIsProxiedWithCorsHeaders() {
        client().header("Origin", SiteProfile.CORS_ORIGIN).get("/hello.txt?pop=AMS").then().statusCode(200)
                .body(equalTo(TestSite.hello("eu"))).header("Access-Control-Allow-Origin", SiteProfile.CORS_ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("X-B2-Host")).header("X-B2-Host", eu());
        client().header("Origin", SiteProfile.CORS_ORIGIN).get("/missing.html").then().statusCode(404)
                .header("Access-Control-Allow-Origin", SiteProfile.CORS_ORIGIN);
    }

    @Test
    void aDisallowedOriginGetsNoCorsGrant() {
        Response response = client().header("Origin", "https://evil.example.test")
                .header("Access-Control-Request-Method", "GET").options("/hello.txt");
        assertTrue(response.statusCode() == 403, "status " + response.statusCode());
        assertNull(response.header("Access-Control-Allow-Origin"));
    }

    @Test
    void anOptionsRequestThatIsNotAPreflightIsStillRefused() {
        client().options("/hello.txt").then().statusCode(405).header("Allow", "GET, HEAD");
    }

    @Test
    void responsesAreStillByteExact() {
        byte[] body = client().get("/img/photo.png").then().statusCode(200).extract().asByteArray();
        assertEquals(8, body.length);
        assertEquals("PNG", new String(body, 1, 3, StandardCharsets.US_ASCII));
    }
}
