package dev.originedge.origin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.originedge.edgeauth.EdgeAuthVerifier;
import dev.originedge.testing.LogLines;
import dev.originedge.testing.PresetOrigins;
import dev.originedge.testing.PresetOrigins.Preset;
import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.RecordingOrigin.Seen;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every kind of origin, checked by what reaches it: each bucket preset's exact Host, TLS server name, path,
 * signing region and signed headers at an S3Proxy stand-in that verifies the signature; B2's native download
 * URLs, public and with a token; Azure with a SAS token that never shows; web origins with another Host, a
 * folder, the client's query on or off, and both edge-auth modes, verified by {@link EdgeAuthVerifier} the way
 * an origin would.
 */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PresetOrigins.class, restrictToAnnotatedClass = true)
class ProviderOriginsTest {

    private static RequestSpecification at(String pop) {
        return given().urlEncodingEnabled(false).header("X-Edge-Pop", pop).redirects().follow(false);
    }

    private static Seen lastFor(String host) {
        return PresetOrigins.recorder.last(s -> host.equals(s.header("host")));
    }

    static Stream<Preset> presets() {
        return PresetOrigins.PRESETS.stream();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void eachBucketPresetReachesItsProviderAsItExpects(Preset preset) {
        Response response = at(preset.pop()).get("/hello.txt?versionId=1&acl");
        assertEquals(200, response.statusCode(), response.asString() + PresetOrigins.recorder.seen());
        assertEquals(preset.content(), response.asString()); // the stand-in verified the signature
        assertEquals(preset.host(), response.header("X-B2-Host"));

        Seen seen = lastFor(preset.host());
        assertTrue(seen.tls());
        assertEquals(preset.host(), seen.sni());
        assertEquals("GET", seen.method());
        assertEquals(preset.pathPrefix() + "/hello.txt", seen.uri()); // no query: S3 sub-resources never reach it
        String date = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC)
                .format(Instant.parse(seen.header("x-amz-date").replaceFirst(
                        "(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z", "$1-$2-$3T$4:$5:$6Z")));
        String authorization = seen.header("authorization");
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + preset.accessKeyId() + "/" + date + "/"
                + preset.region() + "/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                + "Signature="), authorization);
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                seen.header("x-amz-content-sha256"));
    }

    @Test
    void aPathPrefixServesAFolderOfTheBucket() {
        Response response = at("YGD").get("/hello.txt");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(PresetOrigins.FOLDER_CONTENT, response.asString());
        assertEquals("/site/hello.txt", lastFor("assets.storage.googleapis.com").uri());
    }

    @Test
    void b2NativeReadsPublicBucketsUnsignedAndPrivateOnesWithTheDownloadToken() {
        Response open = at("YNP").get("/docs/a%20b.txt?x=1");
        assertEquals(200, open.statusCode(), open.asString());
        assertEquals("b2 native /file/public-bucket/docs/a%20b.txt\n", open.asString());
        Seen seen = lastFor(PresetOrigins.B2_HOST);
        assertEquals(PresetOrigins.B2_HOST, seen.sni());
        assertEquals("/file/public-bucket/docs/a%20b.txt", seen.uri());
        assertNull(seen.header("authorization"));

        Response token = at("YNT").header("Authorization", "Bearer client-own").get("/report.pdf");
        assertEquals(200, token.statusCode(), token.asString());
        seen = lastFor(PresetOrigins.B2_HOST);
        assertEquals("/file/private-bucket/report.pdf", seen.uri());
        assertEquals(PresetOrigins.B2_TOKEN, seen.header("authorization"));
        assertFalse(token.asString().contains(PresetOrigins.B2_TOKEN));

        Response without = at("YNN").get("/report.pdf"); // the private bucket, no token configured
        assertEquals(401, without.statusCode());
        assertNull(lastFor(PresetOrigins.B2_HOST).header("authorization"));
    }

    @Test
    void azureGetsItsSasTokenAsTheOnlyQueryAndItNeverShows() throws Exception {
        LogLines log = LogLines.mark();
        Response response = at("YAZ").get("/dir/blob.txt?sig=client&comp=list");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("azure blob /cont/dir/blob.txt\n", response.asString());
        Seen seen = lastFor(PresetOrigins.AZURE_HOST);
        assertEquals("/cont/dir/blob.txt", seen.path());
        assertEquals(PresetOrigins.AZURE_SAS, seen.query()); // the client's query is dropped
        assertEquals(PresetOrigins.AZURE_HOST, seen.sni());

        Response refused = at("YAX").get("/dir/blob.txt");
        assertEquals(403, refused.statusCode());
        for (Response r : List.of(response, refused)) {
            String all = r.getHeaders().toString() + "\n" + r.asString();
            for (String secret : PresetOrigins.SECRETS) {
                assertFalse(all.contains(secret), "response shows a secret: " + all);
            }
        }
        log.awaitLine("the refusal was logged", l -> l.contains("azbad")); // only this test asks azbad
        String lines = log.textSince();
        for (String secret : PresetOrigins.SECRETS) {
            assertFalse(lines.contains(secret), "the log shows " + secret);
        }
    }

    @Test
    void aWebOriginGetsThePathAsRequestedUnderItsFolderWithTheHostItExpects() {
        Response response = at("YHT").header("Cookie", "session=1").get("/cart/a%20b?item=1");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("web /shop/cart/a%20b\n", response.asString());
        assertEquals(PresetOrigins.APP_HOST, response.header("X-B2-Host"));
        Seen seen = lastFor(PresetOrigins.APP_HOST);
        assertFalse(seen.tls());
        assertEquals("/shop/cart/a%20b", seen.uri()); // forward-query is off by default
        assertNull(seen.header("cookie"));
        assertNull(seen.header("authorization"));

        // The path as the client sent it: an app decodes it itself, so %2F, ;params and @ keep their meaning.
        assertEquals(200, at("YHT").get("/users/@ann;v=1/a%2Fb/caf%C3%A9+x").statusCode());
        assertEquals("/shop/users/@ann;v=1/a%2Fb/caf%C3%A9+x", lastFor(PresetOrigins.APP_HOST).uri());
        assertEquals(400, at("YHT").get("/a/%2e%2e/admin").statusCode()); // still no climbing out of the folder

        // A web server resolves its own index: no index document is added, no directory is refused.
        assertEquals("web /shop/\n", at("YHT").get("/").asString());
        assertEquals("/shop/", lastFor(PresetOrigins.APP_HOST).uri());
        assertEquals("web /shop/docs/\n", at("YHT").get("/docs/").asString());
    }

    @Test
    void forwardQueryKeepsTheClientsQueryForAppBackends() {
        Response response = at("YHQ").get("/search?q=a+b&x=%2F&empty=");
        assertEquals(200, response.statusCode(), response.asString());
        Seen seen = lastFor(PresetOrigins.APP_HOST);
        assertEquals("/search", seen.path());
        assertEquals("q=a+b&x=%2F&empty=", seen.query());
    }

    @Test
    void theHostHeaderIsAlsoTheTlsServerNameAndTheCertificatesName() {
        Response response = at("YHS").get("/page");
        assertEquals(200, response.statusCode(), response.asString());
        Seen seen = lastFor(PresetOrigins.OVERRIDE_HOST);
        assertTrue(seen.tls());
        assertEquals(PresetOrigins.OVERRIDE_HOST, seen.sni());

        // The certificate does not hold that name: the connection is refused, nothing is sent.
        int before = PresetOrigins.recorder.seen().size();
        Response wrongName = at("YHW").get("/page");
        assertEquals(502, wrongName.statusCode(), wrongName.asString());
        assertEquals(before, PresetOrigins.recorder.seen().size());
    }

    @Test
    void aWebOriginsRedirectToItselfStaysAtTheEdge() {
        Response own = at("YHT").get("/login-first");
        assertEquals(302, own.statusCode());
        assertEquals("/login?next=%2Fa", own.header("Location"));
        Response elsewhere = at("YHT").get("/elsewhere");
        assertEquals(302, elsewhere.statusCode());
        assertEquals("https://accounts.example.org/auth", elsewhere.header("Location"));
    }

    @Test
    void sharedSecretModeSendsTheSecretAndNeverTheClientsOwnHeader() {
        Response response = at("YSS").header("X-Origin-Key", "forged").header("edge-auth", "forged").get("/a");
        assertEquals(200, response.statusCode(), response.asString());
        Seen seen = lastFor(PresetOrigins.APP_HOST);
        assertEquals(PresetOrigins.SHARED_SECRET, seen.header("x-origin-key"));
        assertNull(seen.header("edge-auth"));
        assertFalse(response.asString().contains(PresetOrigins.SHARED_SECRET));

        at("YHT").header("edge-auth", "1764590400,AMS, forged").get("/b"); // an origin without edge-auth
        assertNull(lastFor(PresetOrigins.APP_HOST).header("edge-auth"));
    }

    @Test
    void signatureModeSignsEachRequestForThePopAndTheOriginCanVerifyIt() {
        long before = Instant.now().getEpochSecond();
        Response response = at("YSG").header("edge-auth", "1764590400,AMS, forged").get("/protected");
        assertEquals(200, response.statusCode(), response.asString()); // the origin verified it
        assertEquals("protected content\n", response.asString());
        String header = lastFor(PresetOrigins.APP_HOST).header("edge-auth");
        assertTrue(header.matches("\\d+,YSG, [A-Za-z0-9+/]{43}="), header);
        long signedAt = Long.parseLong(header.substring(0, header.indexOf(',')));
        assertTrue(signedAt >= before - 1 && signedAt <= Instant.now().getEpochSecond() + 1, header);

        EdgeAuthVerifier verifier = new EdgeAuthVerifier(PresetOrigins.SIGNING_SECRET, Duration.ofSeconds(60));
        EdgeAuthVerifier.Result valid = verifier.verify(header);
        assertTrue(valid.valid());
        assertEquals("YSG", valid.pop());
        int at = header.lastIndexOf(' ') + 5;
        String tampered = header.substring(0, at) + (header.charAt(at) == 'A' ? 'B' : 'A') + header.substring(at + 1);
        assertEquals(EdgeAuthVerifier.Status.BAD_SIGNATURE, verifier.verify(tampered).status());
        assertEquals(EdgeAuthVerifier.Status.BAD_SIGNATURE,
                verifier.verify(header.replace(",YSG,", ",AMS,")).status());
        Clock later = Clock.fixed(Instant.ofEpochSecond(signedAt).plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        assertEquals(EdgeAuthVerifier.Status.EXPIRED, new EdgeAuthVerifier(PresetOrigins.SIGNING_SECRET,
                Duration.ofSeconds(60), Duration.ofSeconds(30), later).verify(header).status());
        assertFalse(new EdgeAuthVerifier("another-secret", Duration.ofSeconds(60)).isValid(header));

        // Each request is signed afresh: a replayed old header is what the origin refuses.
        Response replayed = at("YHT").get("/protected"); // same app, no edge-auth: refused
        assertEquals(403, replayed.statusCode());
    }
}
