package dev.originedge.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.originedge.testing.RawHttp;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Every key S3 allows comes back byte-exact from the right origin, however the client escaped it. */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class AwkwardKeysTest {

    static Stream<String> keys() {
        return TestSite.AWKWARD_KEYS.stream();
    }

    /** Each segment fully escaped, as browsers and SDKs do. */
    static String escaped(String key) {
        return Stream.of(key.split("/", -1))
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/", "/", ""));
    }

    /**
     * Only what must be escaped in a request line: %, space, #, ?, non-ASCII, and [ ] (not valid raw in a URI
     * path; the HTTP server refuses them before the proxy sees the request); the rest raw.
     */
    static String minimal(String key) {
        StringBuilder out = new StringBuilder("/");
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            out.append(c == '%' || c == ' ' || c == '#' || c == '?' || c == '[' || c == ']' || c >= 0x80 ? String.format("%%%02X", c)
                    : String.valueOf((char) c));
        }
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("keys")
    void escapedKeysAreServedByteExactFromBothRegions(String key) {
        for (String pop : new String[] { "SJC", "AMS" }) {
            String region = pop.equals("SJC") ? "us" : "eu";
            byte[] body = given().urlEncodingEnabled(false).queryParam("pop", pop).get(escaped(key))
                    .then().statusCode(200).extract().asByteArray();
            assertArrayEquals(TestSite.awkwardContent(region, key), body, key);
        }
    }

    @ParameterizedTest
    @MethodSource("keys")
    void minimallyEscapedKeysAreServedByteExact(String key) throws Exception {
        RawHttp.Response response = RawHttp.get(RestAssured.port, minimal(key));
        assertEquals(200, response.status(), key + ": " + response.body());
        assertEquals(new String(TestSite.awkwardContent("us", key), StandardCharsets.UTF_8), response.body(), key);
    }

    @ParameterizedTest
    @MethodSource("keys")
    void keysAreSignedCorrectlyForAVirtualHostOriginToo(String key) {
        // The vh origin does not hold these keys: a 404 proves the signature (over that path) was accepted.
        given().urlEncodingEnabled(false).queryParam("pop", "ZZV").get(escaped(key))
                .then().statusCode(404);
    }
}
