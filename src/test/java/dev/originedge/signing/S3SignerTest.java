package dev.originedge.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.originedge.origin.OriginAccess;
import dev.originedge.origin.Origin;
import dev.originedge.proxy.KeyPath;
import dev.originedge.origin.OriginRequest;
import dev.originedge.testing.TestSite;

class S3SignerTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-23T01:02:03Z"), ZoneId.of("UTC"));
    private static final Origin SIGNED = new Origin("eu", true, "bucket.s3.eu-central-003.backblazeb2.com", "",
            "eu-central-003", new OriginAccess.SigV4(new OriginAccess.Credentials("AKID", "secret")), "127.0.0.1", 443);

    static java.util.stream.Stream<String> keys() {
        return TestSite.AWKWARD_KEYS.stream();
    }

    private static OriginRequest request(Origin origin, String encodedPath) {
        return new OriginRequest(origin, "GET", encodedPath, Map.of("host", origin.hostHeader(), "range", "bytes=0-1"));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void thePathSentIsExactlyThePathSigned(String key) {
        String clientPath = "/" + java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8);
        String encoded = KeyPath.parse(clientPath.replace("%2F", "/")).encoded();
        OriginRequest signed = new S3Signer(FIXED).sign(request(SIGNED, encoded));
        // No second encoding and no normalisation: the signer kept the bytes the client will send.
        assertEquals(encoded, signed.path());
        assertTrue(signed.path().chars().allMatch(c -> c < 0x80 && c != ' '), signed.path());
    }

    @Test
    void signsHostDateAndPayloadHashForS3InTheOriginsRegion() {
        OriginRequest signed = new S3Signer(FIXED).sign(request(SIGNED, "/a%20b.txt"));
        String authorization = signed.headers().get("authorization");
        assertTrue(authorization.startsWith(
                "AWS4-HMAC-SHA256 Credential=AKID/20261123/eu-central-003/s3/aws4_request, "
                        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="), authorization);
        assertEquals("20261123T010203Z", signed.headers().get("x-amz-date"));
        assertEquals(S3Signer.EMPTY_SHA256, signed.headers().get("x-amz-content-sha256"));
        assertEquals(SIGNED.hostHeader(), signed.hostHeader());
        assertEquals("bytes=0-1", signed.headers().get("range"), "forwarded headers are kept, unsigned");
    }

    @Test
    void theSignatureDoesNotDependOnTheTimeZoneOrLocale() {
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        String reference = new S3Signer(FIXED).sign(request(SIGNED, "/k")).headers().get("authorization");
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            Locale.setDefault(Locale.forLanguageTag("th-TH-u-nu-thai"));
            assertEquals(reference, new S3Signer(FIXED).sign(request(SIGNED, "/k")).headers().get("authorization"));
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
    }

    @Test
    void aPublicOriginIsNotSigned() {
        Origin open = new Origin("pub", false, "h:9000", "/b", "us-east-1", new OriginAccess.Open(), "h", 9000);
        OriginRequest request = request(open, "/b/k");
        assertSame(request, new S3Signer(FIXED).sign(request));
    }
}
