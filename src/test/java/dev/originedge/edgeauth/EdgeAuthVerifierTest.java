package dev.originedge.edgeauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.edgeauth.EdgeAuthVerifier.Result;
import dev.originedge.edgeauth.EdgeAuthVerifier.Status;

class EdgeAuthVerifierTest {

    private static final String SECRET = "the-secret";
    private static final long T = 1764590400L; // 2025-12-01T12:00:00Z
    /** Computed once with: printf '%s' '1764590400,AMS' | openssl dgst -sha256 -hmac 'the-secret' -binary | base64 */
    private static final String OPENSSL_SIGNATURE = "Q7k1oCyZA47SBbkMnsYRNl01xm6LpIz3UjiasdnoRY8=";
    private static final String AMS_AT_T = "1764590400,AMS, " + OPENSSL_SIGNATURE;

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    /** maxAge 60 s, skew 30 s, "now" fixed at {@code epochSecond}. */
    private static EdgeAuthVerifier verifierAt(long epochSecond) {
        return new EdgeAuthVerifier(SECRET, Duration.ofSeconds(60), Duration.ofSeconds(30), at(epochSecond));
    }

    private static Status statusAt(long now, String header) {
        return verifierAt(now).verify(header).status();
    }

    private static String independentHmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    // --- The format ---

    @Test
    void theHeaderIsTimeCommaPopCommaSpaceBase64HmacOfTimeCommaPop() throws Exception {
        assertEquals("1764590400,AMS, " + independentHmac(SECRET, "1764590400,AMS"),
                EdgeAuthVerifier.header(SECRET, T, "AMS"));
        assertEquals("1764590400,SJC, " + independentHmac("another", "1764590400,SJC"),
                EdgeAuthVerifier.header("another", T, "SJC"));
    }

    @Test
    void theHeaderMatchesOpensslsHmac() {
        assertEquals(AMS_AT_T, EdgeAuthVerifier.header(SECRET, T, "AMS"));
    }

    @Test
    void theKeyIsTheSecretsUtf8Bytes() throws Exception {
        String secret = "sécret-ключ";
        assertEquals("1764590400,AMS, " + independentHmac(secret, "1764590400,AMS"),
                EdgeAuthVerifier.header(secret, T, "AMS"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "A,B", "AMS\r\nX-Evil: 1" })
    void aPopThatWouldNotParseBackOrWouldBreakTheHeaderIsRefused(String pop) {
        assertThrows(IllegalArgumentException.class, () -> EdgeAuthVerifier.header(SECRET, T, pop));
    }

    // --- Genuine headers ---

    @Test
    void aFreshGenuineHeaderIsValidAndNamesItsPopAndTime() {
        Result result = verifierAt(T).verify(AMS_AT_T);
        assertEquals(new Result(Status.VALID, "AMS", Instant.ofEpochSecond(T)), result);
        assertTrue(result.valid());
        assertTrue(verifierAt(T).isValid(AMS_AT_T));
    }

    @Test
    void withoutTheSpaceAfterTheSecondCommaItIsStillValid() {
        assertEquals(Status.VALID, statusAt(T, "1764590400,AMS," + OPENSSL_SIGNATURE));
        assertEquals(Status.VALID, statusAt(T, "1764590400,AMS,  " + OPENSSL_SIGNATURE + " \t"));
    }

    @Test
    void aHeaderMadeByHeaderIsValidForTheSameSecret() {
        assertTrue(verifierAt(T + 5).isValid(EdgeAuthVerifier.header(SECRET, T, "SJC")));
    }

    // --- Tampering ---

    @Test
    void aTamperedSignatureIsRejected() {
        String tampered = "1764590400,AMS, R" + OPENSSL_SIGNATURE.substring(1); // still 32 bytes of base64
        assertEquals(Status.BAD_SIGNATURE, statusAt(T, tampered));
        assertFalse(verifierAt(T).isValid(tampered));
    }

    @Test
    void aTamperedTimeIsRejected() {
        assertEquals(Status.BAD_SIGNATURE, statusAt(T, "1764590401,AMS, " + OPENSSL_SIGNATURE));
        assertEquals(Status.BAD_SIGNATURE, statusAt(T, "01764590400,AMS, " + OPENSSL_SIGNATURE));
    }

    @Test
    void aTamperedPopIsRejected() {
        assertEquals(Status.BAD_SIGNATURE, statusAt(T, "1764590400,SJC, " + OPENSSL_SIGNATURE));
        assertEquals(Status.BAD_SIGNATURE, statusAt(T, "1764590400, AMS, " + OPENSSL_SIGNATURE));
        assertNull(verifierAt(T).verify("1764590400,SJC, " + OPENSSL_SIGNATURE).pop(),
                "an unproven POP is not reported");
    }

    @Test
    void aHeaderSignedWithAnotherSecretIsRejected() {
        assertEquals(Status.BAD_SIGNATURE, statusAt(T, EdgeAuthVerifier.header("not-the-secret", T, "AMS")));
    }

    @Test
    void aVerifierNeverAcceptsAHeaderSignedWithAnotherSecret() {
        // Near misses of the real secret, and a spread of times and POPs, none of which may pass. (Not
        // "the-secret\0": HMAC pads keys with zero bytes, so trailing NULs make the same key.)
        String[] others = { "the-secre", "the-secret ", "The-secret", "the-secret\n", "x" };
        String[] pops = { "AMS", "SJC", "LHR", "A", "pop-with spaces" };
        for (String other : others) {
            for (String pop : pops) {
                for (long offset = -30; offset <= 60; offset += 15) {
                    String header = EdgeAuthVerifier.header(other, T - offset, pop);
                    assertFalse(verifierAt(T).isValid(header), other + " / " + header);
                    assertTrue(verifierAt(T).isValid(EdgeAuthVerifier.header(SECRET, T - offset, pop)), header);
                }
            }
        }
    }

    // --- Freshness ---

    @Test
    void aHeaderJustPastMaxAgeIsExpiredAndOneJustInsideIsValid() {
        assertEquals(Status.VALID, statusAt(T + 60, AMS_AT_T));
        Result expired = verifierAt(T + 61).verify(AMS_AT_T);
        assertEquals(new Result(Status.EXPIRED, "AMS", Instant.ofEpochSecond(T)), expired);
        assertFalse(expired.valid());
    }

    @Test
    void aHeaderFromBeyondTheClockSkewIsFutureAndOneWithinIsValid() {
        assertEquals(Status.VALID, statusAt(T - 30, AMS_AT_T));
        assertEquals(Status.FUTURE, statusAt(T - 31, AMS_AT_T));
        assertFalse(verifierAt(T - 31).isValid(AMS_AT_T));
    }

    @Test
    void freshnessIsJudgedInWholeSecondsOfTheClock() {
        // The signer truncates to the second: 60.9 s after T is still within a 60 s maxAge.
        Clock late = Clock.fixed(Instant.ofEpochSecond(T + 60, 900_000_000), ZoneOffset.UTC);
        assertTrue(new EdgeAuthVerifier(SECRET, Duration.ofSeconds(60), Duration.ZERO, late).isValid(AMS_AT_T));
    }

    @Test
    void theTwoArgumentConstructorUsesTheSystemClock() {
        EdgeAuthVerifier verifier = new EdgeAuthVerifier(SECRET, Duration.ofSeconds(60));
        long now = Instant.now().getEpochSecond();
        assertTrue(verifier.isValid(EdgeAuthVerifier.header(SECRET, now, "AMS")));
        assertEquals(Status.EXPIRED, verifier.verify(EdgeAuthVerifier.header(SECRET, now - 600, "AMS")).status());
        assertEquals(Status.VALID, verifier.verify(EdgeAuthVerifier.header(SECRET, now + 20, "AMS")).status(),
                "the default skew is 30 s");
        assertEquals(Status.FUTURE, verifier.verify(EdgeAuthVerifier.header(SECRET, now + 600, "AMS")).status());
    }

    // --- Malformed input ---

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "  " })
    void anAbsentHeaderIsMissing(String header) {
        assertEquals(Status.MISSING, statusAt(T, header));
        assertFalse(verifierAt(T).isValid(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "abc",
        "1,AMS",
        "1764590400,AMS",
        "1764590400,AMS, ",
        "1764590400,AMS, not base64!",
        "1764590400,AMS, Q7k1oCyZA47SBbkM nsYRNl01xm6LpIz3UjiasdnoRY8=", // a space inside the signature
        "1764590400,AMS, Q7k1oCyZA47SBbkMnsYRNl01xm6L", // valid base64, but not 32 bytes
        "1764590400,," + OPENSSL_SIGNATURE, // no POP
        ",AMS, " + OPENSSL_SIGNATURE, // no time
        " 1764590400,AMS, " + OPENSSL_SIGNATURE, // extra spaces around the time
        "1764590400 ,AMS, " + OPENSSL_SIGNATURE,
        "+1764590400,AMS, " + OPENSSL_SIGNATURE,
        "-1764590400,AMS, " + OPENSSL_SIGNATURE,
        "17645904e2,AMS, " + OPENSSL_SIGNATURE,
        "١٧٦٤٥٩٠٤٠٠,AMS, " + OPENSSL_SIGNATURE, // Arabic-Indic digits: Character.isDigit, but not ASCII
        "99999999999999999999999,AMS, " + OPENSSL_SIGNATURE, // would overflow a long
    })
    void malformedHeadersAreMalformed(String header) {
        assertEquals(Status.MALFORMED, statusAt(T, header));
        assertFalse(verifierAt(T).isValid(header));
    }

    @Test
    void arbitraryInputNeverThrowsAndIsNeverValid() {
        Random random = new Random(42); // seeded: a failure can be replayed
        String alphabet = "0123456789,AMS +/=\t\u00e9\ud800";
        EdgeAuthVerifier verifier = verifierAt(T);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder header = new StringBuilder();
            for (int n = random.nextInt(60); n > 0; n--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertFalse(verifier.isValid(header.toString()), header.toString());
        }
    }

    // --- Configuration and secrecy ---

    @Test
    void aNullOrEmptySecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EdgeAuthVerifier(null, Duration.ofSeconds(60)));
        assertThrows(IllegalArgumentException.class, () -> new EdgeAuthVerifier("", Duration.ofSeconds(60)));
        assertThrows(IllegalArgumentException.class, () -> EdgeAuthVerifier.header(null, T, "AMS"));
        assertThrows(IllegalArgumentException.class, () -> EdgeAuthVerifier.header("", T, "AMS"));
    }

    @Test
    void aNonPositiveMaxAgeOrNegativeSkewIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EdgeAuthVerifier(SECRET, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new EdgeAuthVerifier(SECRET, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new EdgeAuthVerifier(SECRET, null));
        assertThrows(IllegalArgumentException.class,
                () -> new EdgeAuthVerifier(SECRET, Duration.ofSeconds(60), Duration.ofSeconds(-1), at(T)));
    }

    @Test
    void theSecretAppearsInNoStringOrExceptionMessage() {
        String secret = "s3cr3t-value-never-logged";
        EdgeAuthVerifier verifier = new EdgeAuthVerifier(secret, Duration.ofSeconds(60));
        assertFalse(verifier.toString().contains(secret), verifier.toString());
        assertFalse(verifier.verify(EdgeAuthVerifier.header(secret, T, "AMS")).toString().contains(secret));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> new EdgeAuthVerifier(secret, Duration.ZERO));
        assertFalse(refused.getMessage().contains(secret), refused.getMessage());
        assertNotEquals(-1, verifier.toString().indexOf("maxAge=PT1M"), "it still says how it is configured");
    }
}
