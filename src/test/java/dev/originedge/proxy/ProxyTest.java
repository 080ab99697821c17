package dev.originedge.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.testing.RawHttp;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The request path end to end, against real S3 origins that verify SigV4. */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class ProxyTest {

    static String usHost() {
        return "127.0.0.1:" + RealOrigins.usPort;
    }

    static String euHost() {
        return "127.0.0.1:" + RealOrigins.euPort;
    }

    // 1-2. POP and origin choice

    @ParameterizedTest
    @ValueSource(strings = { "AMS", "LHR", "FRA", "CDG", "MAD", "DUB", "JNB", "CPT", "ams", "Lhr" })
    void europeanAndAfricanPopsAreServedFromTheEuOrigin(String pop) {
        given().queryParam("pop", pop).get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("eu"))).header("X-B2-Host", euHost());
    }

    @ParameterizedTest
    @ValueSource(strings = { "SJC", "IAD", "YYZ", "GRU", "EZE", "NRT", "SYD", "HKG", "BOM", "sjc" })
    void americanAndAsiaPacificPopsAreServedFromTheUsOrigin(String pop) {
        given().queryParam("pop", pop).get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("us"))).header("X-B2-Host", usHost());
    }

    @Test
    void anUnknownPopIsServedFromTheDefaultOrigin() {
        given().queryParam("pop", "QQQ").get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("us"))).header("X-B2-Host", usHost());
    }

    @Test
    void withoutAPopTheDeploymentDefaultSjcIsUsed() {
        given().get("/hello.txt").then().statusCode(200).body(equalTo(TestSite.hello("us")));
    }

    @Test
    void theTrustedPopHeaderChoosesTheOrigin() {
        given().header("X-Edge-Pop", "LHR").get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("eu")));
    }

    @Test
    void theQueryParameterWinsOverTheHeader() {
        given().header("X-Edge-Pop", "LHR").queryParam("pop", "SJC").get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("us")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "AMSX", "AM", "A1S", "", "%C3%84MS" })
    void aPopThatIsNotThreeLettersIsABadRequest(String pop) {
        given().urlEncodingEnabled(false).get("/hello.txt?pop=" + pop).then()
                .statusCode(400).contentType(startsWith("text/plain")).body(containsString("3-letter"));
    }

    @Test
    void anInvalidPopHeaderIsABadRequest() {
        given().header("X-Edge-Pop", "nowhere").get("/hello.txt").then().statusCode(400);
    }

    @Test
    void aPopOverrideCanNameAnyOrigin() {
        given().queryParam("pop", "ZZV").get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("vh")));
    }

    // 3. Query string

    @ParameterizedTest
    @ValueSource(strings = { "acl", "versionId=abc", "uploads", "list-type=2", "x-id=GetObject&torrent",
            "response-content-type=text%2Fevil" })
    void theQueryStringNeverReachesTheBucket(String query) {
        given().urlEncodingEnabled(false).get("/hello.txt?" + query).then()
                .statusCode(200).body(equalTo(TestSite.hello("us"))).contentType(startsWith("text/plain"));
    }

    // 4. Host

    @Test
    void pathStyleSendsTheEndpointHostAndPrefixesTheBucket() {
        given().queryParam("pop", "AMS").get("/hello.txt").then().statusCode(200).header("X-B2-Host", euHost());
    }

    @Test
    void virtualHostStyleSendsBucketDotEndpointThroughConnectTo() {
        given().queryParam("pop", "ZZV").get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("vh")))
                .header("X-B2-Host", TestSite.VH_BUCKET + "." + RealOrigins.VH_HOST);
    }

    @Test
    void anHttpsOriginIsReachedWithSniAndItsCertificateVerified() {
        given().queryParam("pop", "ZZS").get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("tls")))
                .header("X-B2-Host", RealOrigins.TLS_HOST + ":8443");
    }

    @Test
    void anHttpsOriginWhoseCertificateDoesNotMatchIsABadGateway() {
        given().queryParam("pop", "ZZN").get("/hello.txt").then()
                .statusCode(502).body(containsString("unreachable"));
    }

    @Test
    void theRootServesTheIndexDocumentNotABucketListing() {
        given().queryParam("pop", "AMS").get("/").then()
                .statusCode(200).body(equalTo("<h1>eu</h1>\n")).contentType(startsWith("text/html"));
    }

    // 5. Headers copied and not copied

    @Test
    void headReturnsHeadersOnly() {
        given().head("/hello.txt").then()
                .statusCode(200).header("Content-Length", String.valueOf(TestSite.hello("us").length()))
                .header("ETag", notNullValue()).header("X-B2-Host", usHost()).body(emptyString());
    }

    @Test
    void aRangeGivesPartialContentWithExactBytes() {
        given().header("Range", "bytes=6-9").get("/hello.txt").then()
                .statusCode(206).body(equalTo("from")).header("Content-Range", "bytes 6-9/14")
                .header("Content-Length", "4");
    }

    @Test
    void theEtagIsKeptAndIfNoneMatchGivesNotModified() {
        String etag = given().get("/hello.txt").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get("/hello.txt").then()
                .statusCode(304).header("ETag", etag).header("X-B2-Host", usHost()).body(emptyString());
    }

    @Test
    void clientCredentialsCookiesAndAmzHeadersAreNotForwarded() {
        given().header("Authorization", "AWS4-HMAC-SHA256 Credential=EVIL/20200101/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host, Signature=deadbeef")
                .header("x-amz-date", "19990101T000000Z")
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .header("x-amz-security-token", "stolen")
                .header("Cookie", "session=abc")
                .get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("us")));
    }

    // 7. Streaming

    @Test
    void theOriginsContentLengthIsPassedThroughWithoutChunking() throws Exception {
        // Both Content-Length and Transfer-Encoding: chunked would be a malformed (smuggling-prone) response.
        RawHttp.Response response = RawHttp.get(RestAssured.port, "/hello.txt");
        assertEquals(200, response.status());
        assertEquals(String.valueOf(TestSite.hello("us").length()), response.header("content-length"));
        assertEquals(null, response.header("transfer-encoding"));
        assertEquals(TestSite.hello("us"), response.body());
    }

    @Test
    void a64MiBObjectStreamsThroughByteExact() throws Exception {
        byte[] expected = TestSite.big();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = given().get("/" + TestSite.BIG_KEY).then().statusCode(200)
                .header("Content-Length", String.valueOf(TestSite.BIG_SIZE)).extract().asInputStream()) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        assertEquals(TestSite.BIG_SIZE, size);
        assertEquals(TestSite.sha256(expected), HexFormat.of().formatHex(digest.digest()));
    }

    // 9. Errors

    @Test
    void aMissingObjectIsPassedThroughAs404WithoutTheOriginsXml() {
        given().get("/no/such/key.txt").then()
                .statusCode(404).contentType(startsWith("text/plain")).header("X-B2-Host", usHost())
                .body(equalTo("404 Not Found\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH", "OPTIONS" })
    void otherMethodsAreNotAllowed(String method) {
        given().request(method, "/hello.txt").then()
                .statusCode(405).header("Allow", "GET, HEAD").body(not(containsString("Exception")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/../private/secret.txt", "/%2e%2e/private/secret.txt", "/%2E%2E%2Fprivate%2Fsecret.txt",
            "/a/../../private/secret.txt", "/.%2e/private/secret.txt", "/./hello.txt", "/hello.txt/.",
            "/%zz.txt", "/%C3%28.txt", "/%" })
    void pathsThatLeaveTheBucketOrAreMalformedAreBadRequests(String target) throws Exception {
        RawHttp.Response response = RawHttp.get(RestAssured.port, target);
        assertEquals(400, response.status(), target);
        assertFalse(response.body().contains("TOP SECRET"));
        assertFalse(response.body().contains("Exception"));
    }

    @Test
    void anAbsoluteFormTargetNeverReachesItsHost() throws Exception {
        int before = RealOrigins.canary.connections();
        RawHttp.Response response = RawHttp.get(RestAssured.port,
                "http://127.0.0.1:" + RealOrigins.canary.port() + "/hello.txt");
        assertEquals(200, response.status());
        assertEquals(TestSite.hello("us"), response.body());
        assertEquals(usHost(), response.header("X-B2-Host"));
        assertEquals(before, RealOrigins.canary.connections());
    }

    @Test
    void aForgedHostHeaderNeverReachesThatHost() throws Exception {
        int before = RealOrigins.canary.connections();
        RawHttp.Response response = RawHttp.get(RestAssured.port, "/hello.txt",
                "Host: 127.0.0.1:" + RealOrigins.canary.port());
        assertEquals(200, response.status());
        assertEquals(usHost(), response.header("X-B2-Host"));
        assertEquals(before, RealOrigins.canary.connections());
    }

    @Test
    void wrongCredentialsAreRefusedByTheOriginAndNothingLeaks() {
        String body = given().queryParam("pop", "ZZW").get("/hello.txt").then()
                .statusCode(403).header("X-B2-Host", usHost()).extract().asString();
        assertEquals("403 Forbidden\n", body);
    }

    @Test
    void anUnreachableOriginIsABadGateway() {
        given().queryParam("pop", "ZZD").get("/hello.txt").then()
                .statusCode(502).contentType(startsWith("text/plain")).body(containsString("unreachable"));
    }

    @Test
    void anOriginRedirectIsABadGatewayAndItsLocationIsNotPassedOn() {
        given().redirects().follow(false).queryParam("pop", "ZZR").get("/hello.txt").then()
                .statusCode(502).header("Location", org.hamcrest.Matchers.nullValue())
                .body(containsString("misconfigured"));
    }

    @Test
    void aSilentOriginIsAGatewayTimeout() {
        given().queryParam("pop", "ZZT").get("/hello.txt").then()
                .statusCode(504).contentType(startsWith("text/plain")).body(containsString("did not answer"));
    }

    @Test
    void sameBytesFromBothRegionsForTheSameKeyDifferOnlyByRegion() {
        byte[] us = given().get("/index.html").then().statusCode(200).extract().asByteArray();
        byte[] eu = given().queryParam("pop", "AMS").get("/index.html").then().statusCode(200).extract().asByteArray();
        assertArrayEquals("<h1>us</h1>\n".getBytes(), us);
        assertArrayEquals("<h1>eu</h1>\n".getBytes(), eu);
    }
}
