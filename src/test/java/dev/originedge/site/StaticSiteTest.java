package dev.originedge.site;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.testing.FaultOrigin;
import dev.originedge.testing.RawHttp;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A static website with the default settings (no profile: the same app as ProxyTest): index documents,
 * directory redirects ({@code edge.site.directory-redirect} is on by default) from private (signed) and public
 * origins, and clean responses (the providers' headers stripped, {@code Set-Cookie} dropped).
 */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class StaticSiteTest {

    static String host(int port) {
        return "127.0.0.1:" + port;
    }

    /** A request that shows a redirect instead of following it. */
    static RequestSpecification client() {
        return given().redirects().follow(false).urlEncodingEnabled(false);
    }

    /** Each segment escaped as a browser does. */
    static String escaped(String path) {
        return Stream.of(path.split("/", -1))
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/", "/", ""));
    }

    // Index documents

    @Test
    void aPathEndingInSlashServesTheIndexDocumentThere() {
        client().get("/docs/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(equalTo(TestSite.directoryIndex("us", "docs")))
                .header("X-B2-Host", host(RealOrigins.usPort));
        client().get("/docs/guide/?pop=AMS").then().statusCode(200)
                .body(equalTo(TestSite.directoryIndex("eu", "docs/guide")))
                .header("X-B2-Host", host(RealOrigins.euPort));
    }

    @Test
    void headOfADirectoryHasTheIndexDocumentsHeaders() {
        client().head("/docs/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Length", String.valueOf(TestSite.directoryIndex("us", "docs").length()));
    }

    @Test
    void aDirectoryWithoutIndexDocumentIsA404AndNeverARedirect() {
        client().get("/nodir/").then().statusCode(404).header("Location", nullValue())
                .contentType(startsWith("text/plain")).body(equalTo("404 Not Found\n"));
    }

    // Directory redirects

    @Test
    void aDirectoryWithoutItsSlashIsRedirectedWhenItsIndexExists() {
        client().get("/docs").then().statusCode(301).header("Location", "/docs/")
                .header("X-B2-Host", host(RealOrigins.usPort)).body(emptyString());
    }

    @Test
    void theRedirectKeepsTheClientsQueryStringAndItsPop() {
        client().get("/docs?pop=AMS").then().statusCode(301).header("Location", "/docs/?pop=AMS")
                .header("X-B2-Host", host(RealOrigins.euPort));
        client().get("/docs/guide?pop=AMS&utm_source=mail%20x&empty=").then().statusCode(301)
                .header("Location", "/docs/guide/?pop=AMS&utm_source=mail%20x&empty=");
    }

    @Test
    void followingTheRedirectServesTheIndexOfTheSameRegion() {
        given().queryParam("pop", "AMS").get("/docs").then().statusCode(200)
                .body(equalTo(TestSite.directoryIndex("eu", "docs")));
    }

    @Test
    void headIsRedirectedTheSameWay() {
        client().head("/docs?pop=AMS").then().statusCode(301).header("Location", "/docs/?pop=AMS");
    }

    @Test
    void aDirectoryIsFoundByItsIndexNotByItsName() {
        client().get("/v1.2").then().statusCode(301).header("Location", "/v1.2/");
        client().get("/v1.2/").then().statusCode(200).body(equalTo(TestSite.directoryIndex("us", "v1.2")));
    }

    @Test
    void anObjectNamedLikeADirectoryIsServedItself() {
        client().get("/page").then().statusCode(200).body(equalTo("the object called page (us)\n"));
    }

    @Test
    void aMissingPathWithoutIndexIsAPlain404WithoutTheOriginsXml() {
        client().get("/nothing-here").then().statusCode(404).header("Location", nullValue())
                .contentType(startsWith("text/plain")).body(equalTo("404 Not Found\n"))
                .header("Cache-Control", "no-store");
    }

    @Test
    void aPrivateBucketsForbiddenIsRedirectedToo() {
        // The private bucket answers 403 AccessDenied for a missing key, as S3 does without s3:ListBucket.
        client().get("/docs?pop=ZZL").then().statusCode(301).header("Location", "/docs/?pop=ZZL");
        client().get("/docs/?pop=ZZL").then().statusCode(200).body(equalTo(TestSite.directoryIndex("us", "docs")));
        client().get("/nothing-here?pop=ZZL").then().statusCode(403).header("Location", nullValue())
                .body(equalTo("403 Forbidden\n")).body(not(containsString("AccessDenied")));
    }

    @Test
    void aPublicUnsignedBucketServesIndexesAndRedirects() {
        client().get("/docs?pop=ZZP").then().statusCode(301).header("Location", "/docs/?pop=ZZP");
        client().get("/docs/?pop=ZZP").then().statusCode(200).body(equalTo(TestSite.directoryIndex("public", "docs")));
        client().get("/with%20space?pop=ZZP").then().statusCode(301).header("Location", "/with%20space/?pop=ZZP");
        client().get("/with%20space/?pop=ZZP").then().statusCode(200)
                .body(equalTo(TestSite.directoryIndex("public", "with space")));
    }

    @Test
    void theRedirectComesFromTheOriginThatAnsweredAfterAFailover() {
        client().get("/docs?pop=ZZA").then().statusCode(301).header("Location", "/docs/?pop=ZZA")
                .header("X-B2-Host", host(RealOrigins.euPort));
    }

    static Stream<String> awkwardDirs() {
        return TestSite.AWKWARD_DIRS.stream();
    }

    @ParameterizedTest
    @MethodSource("awkwardDirs")
    void awkwardDirectoryNamesAreRedirectedAndServedInBothRegions(String dir) {
        String path = escaped(dir);
        for (String pop : new String[] { "SJC", "AMS" }) {
            client().get(path + "?pop=" + pop).then().statusCode(301).header("Location", path + "/?pop=" + pop);
            Response index = client().get(path + "/?pop=" + pop);
            assertEquals(200, index.statusCode(), dir);
            assertEquals(TestSite.directoryIndex(pop.equals("SJC") ? "us" : "eu", dir),
                    new String(index.asByteArray(), StandardCharsets.UTF_8), dir);
        }
    }

    @Test
    void aPlusStaysAPlusAndTheClientsOwnEscapingIsKept() {
        client().get("/plus+dir").then().statusCode(301).header("Location", "/plus+dir/");
        client().get("/plus%2Bdir").then().statusCode(301).header("Location", "/plus%2Bdir/");
        client().get("/plus+dir/").then().statusCode(200).body(equalTo(TestSite.directoryIndex("us", "plus+dir")));
    }

    @Test
    void rawNonAsciiBytesAreEscapedInTheLocation() throws Exception {
        // "ünïcödé dir" sent as raw UTF-8 bytes (only the space escaped): the Location is escaped ASCII.
        RawHttp.Response response = RawHttp.get(RestAssured.port, "/ünïcödé%20dir");
        assertEquals(301, response.status(), response.body());
        assertEquals("/%C3%BCn%C3%AFc%C3%B6d%C3%A9%20dir/", response.header("location"));
    }

    // Clean responses

    @Test
    void providerHeadersAndCookiesAreStrippedAndCacheHeadersKept() {
        Response response = client().get("/provider-headers?pop=ZZF");
        assertEquals(200, response.statusCode());
        for (String name : FaultOrigin.PROVIDER_HEADERS.keySet()) {
            assertNull(response.header(name), name + " reached the client");
        }
        assertNull(response.header("Set-Cookie"), "an origin's Set-Cookie reached the client");
        for (Map.Entry<String, String> header : FaultOrigin.CACHE_HEADERS.entrySet()) {
            assertEquals(header.getValue(), response.header(header.getKey()), header.getKey());
        }
        assertEquals("2", response.header("Content-Length"));
        assertEquals("ok", response.asString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/hello.txt", "/meta.txt", "/docs/", "/nothing-here.txt", "/docs" })
    void anS3OriginsOwnHeadersNeverReachTheClient(String path) {
        for (String pop : new String[] { "SJC", "AMS", "ZZL", "ZZP" }) {
            Response response = client().get(path + "?pop=" + pop);
            response.headers().forEach(header -> assertFalse(
                    header.getName().toLowerCase(Locale.ROOT).startsWith("x-amz-"),
                    path + " " + pop + ": " + header));
            assertNull(response.header("Server"), path + " " + pop);
            assertFalse(response.asString().contains("<Code>"), path + " " + pop + ": " + response.asString());
        }
    }

    @Test
    void objectHeadersThatDescribeTheObjectStay() {
        client().get("/meta.txt").then().statusCode(200).header("ETag", not(emptyString()))
                .header("Last-Modified", not(emptyString())).header("Content-Type", startsWith("text/plain"))
                .header("x-amz-meta-owner", nullValue());
    }
}
