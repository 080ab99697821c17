package dev.originedge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.cache.Storability.Decision;
import dev.originedge.cache.Storability.Reason;
import dev.originedge.cache.Storability.Reuse;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

class StorabilityTest {

    private static final long T = 1_767_225_600_000L;
    private static final long MAX = 4 << 20;

    private final Storability storability = new Storability(MAX);
    private final Freshness noDefaults = new Freshness(Duration.ZERO, Duration.ZERO);

    private static MultiMap headers(String... namesAndValues) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    private Decision decide(Freshness freshness, HttpMethod method, int status, String... namesAndValues) {
        MultiMap h = headers(namesAndValues);
        return storability.decide(method, status, h, freshness.lifetime(status, h, T));
    }

    private Decision get(int status, String... namesAndValues) {
        return decide(noDefaults, HttpMethod.GET, status, namesAndValues);
    }

    @Test
    void aFreshOkIsStoredAndReusedWhileFresh() {
        Decision d = get(200, "Cache-Control", "public, max-age=60", "ETag", "\"a\"");
        assertTrue(d.stored());
        assertEquals(Reason.STORABLE, d.reason());
        assertEquals(Reuse.WHILE_FRESH, d.reuse());
        assertEquals(60, d.lifetime().seconds());
        assertFalse(d.varyOnEncoding());
    }

    @Test
    void onlyGet() {
        assertEquals(Reason.METHOD, decide(noDefaults, HttpMethod.HEAD, 200, "Cache-Control", "max-age=60").reason());
        assertEquals(Reason.METHOD, decide(noDefaults, HttpMethod.POST, 200, "Cache-Control", "max-age=60").reason());
    }

    @ParameterizedTest
    @ValueSource(ints = { 201, 203, 204, 301, 302, 304, 307, 400, 403, 416, 500, 502, 503 })
    void otherStatusesAreNotStored(int status) {
        assertEquals(Reason.STATUS, get(status, "Cache-Control", "max-age=60").reason());
    }

    @Test
    void aPartialAnswerIsNotStored() {
        assertEquals(Reason.PARTIAL, get(206, "Cache-Control", "max-age=60", "Content-Range", "bytes 0-9/100").reason());
    }

    @ParameterizedTest
    @ValueSource(ints = { 404, 410 })
    void negativeAnswersNeedAPositiveLifetime(int status) {
        assertTrue(get(status, "Cache-Control", "max-age=30").stored(), "the origin's freshness");
        assertEquals(Reason.NO_FRESHNESS, get(status).reason(), "no freshness, no negative-ttl");
        Freshness negative = new Freshness(Duration.ZERO, Duration.ofSeconds(10));
        Decision d = decide(negative, HttpMethod.GET, status);
        assertTrue(d.stored(), "edge.cache.negative-ttl");
        assertEquals(10, d.lifetime().seconds());
        assertEquals(Reason.NO_FRESHNESS, get(status, "Cache-Control", "max-age=0", "ETag", "\"a\"").reason(),
                "a stale 404 is not kept to revalidate");
    }

    @Test
    void theDefaultTtlAppliesToOkOnly() {
        Freshness defaults = new Freshness(Duration.ofMinutes(1), Duration.ZERO);
        assertTrue(decide(defaults, HttpMethod.GET, 200).stored());
        assertEquals(Reason.NO_FRESHNESS, decide(defaults, HttpMethod.GET, 404).reason());
    }

    @Test
    void anOriginThatSaysNothingIsNotStoredEvenWithAValidator() {
        // edge.cache.default-ttl=0s: the cache changes nothing for such an origin (no revalidation on every hit).
        assertEquals(Reason.NO_FRESHNESS, get(200, "ETag", "\"a\"", "Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT")
                .reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Cache-Control|no-store, max-age=60|NO_STORE",
            "Cache-Control|NO-STORE|NO_STORE",
            "Cache-Control|max-age=60, private|PRIVATE",
            "Cache-Control|private=\"Set-Cookie\", max-age=60|PRIVATE",
            "CDN-Cache-Control|no-store|NO_STORE",
            "Surrogate-Control|no-store|NO_STORE",
            "Set-Cookie|id=1|SET_COOKIE",
            "Vary|*|VARY_ANY",
            "Vary|Accept-Encoding, *|VARY_ANY",
            "Vary|Origin|VARY",
            "Vary|Accept-Encoding, User-Agent|VARY",
            "Content-Length|4194305|TOO_LARGE",
            "Content-Length|99999999999999999999999|TOO_LARGE",
            "Content-Length|ten|BAD_LENGTH",
            "Content-Length|-1|BAD_LENGTH",
            "Content-Length|10, 11|BAD_LENGTH" })
    void neverStored(String name, String value, Reason reason) {
        Decision d = get(200, "Cache-Control", "max-age=60", name, value);
        assertEquals(reason, d.reason(), name + ": " + value);
        assertFalse(d.stored());
    }

    @Test
    void aTargetedLifetimeDoesNotOverrideCacheControlPrivate() {
        // A blanket edge.cache.rules surrogate lifetime on a web app's per-user page must not share it.
        assertEquals(Reason.PRIVATE, get(200, "Surrogate-Control", "max-age=300", "Cache-Control", "private").reason());
        assertEquals(Reason.NO_STORE, get(200, "CDN-Cache-Control", "max-age=300", "Cache-Control", "no-store").reason());
    }

    @Test
    void storingReasonsComeBeforeTheLifetime() {
        assertEquals(Reason.NO_STORE, get(200, "Cache-Control", "no-store").reason());
        assertEquals(Reason.SET_COOKIE, get(404, "Set-Cookie", "a=b").reason());
    }

    @Test
    void varyOnAcceptEncodingIsStoredPerEncoding() {
        Decision d = get(200, "Cache-Control", "max-age=60", "Vary", "accept-encoding", "Vary", "Accept-Encoding,");
        assertTrue(d.stored());
        assertTrue(d.varyOnEncoding());
        assertFalse(get(200, "Cache-Control", "max-age=60", "Vary", " ").varyOnEncoding());
        assertTrue(get(200, "Cache-Control", "max-age=60", "Vary", "").stored());
    }

    @Test
    void aBodyAtTheLimitOrOfUnknownLengthMayBeStored() {
        assertTrue(get(200, "Cache-Control", "max-age=60", "Content-Length", String.valueOf(MAX)).stored());
        assertTrue(get(200, "Cache-Control", "max-age=60", "Content-Length", "0").stored());
        assertTrue(get(200, "Cache-Control", "max-age=60", "Content-Length", "10", "Content-Length", "10").stored());
        assertTrue(get(200, "Cache-Control", "max-age=60").stored(), "checked as it arrives (CacheFill)");
    }

    @Test
    void noCacheIsStoredAndRevalidatedBeforeEachReuse() {
        Decision d = get(200, "Cache-Control", "no-cache, max-age=60", "ETag", "\"a\"");
        assertTrue(d.stored());
        assertEquals(Reuse.REVALIDATE_ALWAYS, d.reuse());
        Decision bare = get(200, "Cache-Control", "no-cache", "ETag", "\"a\"");
        assertTrue(bare.stored(), "no-cache is the origin's word even without a lifetime");
        assertEquals(Reuse.REVALIDATE_ALWAYS, bare.reuse());
        assertEquals(Reuse.REVALIDATE_ALWAYS,
                get(200, "Cache-Control", "no-cache=\"Set-Cookie\", max-age=60", "ETag", "\"a\"").reuse());
        assertEquals(Reuse.REVALIDATE_ALWAYS,
                get(200, "Surrogate-Control", "max-age=60", "CDN-Cache-Control", "no-cache", "ETag", "\"a\"").reuse());
    }

    @Test
    void noCacheWithoutAValidatorIsNotStored() {
        assertEquals(Reason.NO_VALIDATOR, get(200, "Cache-Control", "no-cache, max-age=60").reason());
    }

    @Test
    void mustRevalidateIsNeverServedStale() {
        assertEquals(Reuse.NEVER_STALE, get(200, "Cache-Control", "max-age=60, must-revalidate").reuse());
        assertEquals(Reuse.NEVER_STALE, get(200, "Cache-Control", "max-age=60, proxy-revalidate").reuse());
        assertEquals(Reuse.NEVER_STALE, get(200, "Cache-Control", "s-maxage=60").reuse(), "RFC 9111 §5.2.2.10");
        assertTrue(get(200, "Cache-Control", "max-age=60, must-revalidate").stored());
    }

    @Test
    void aZeroLifetimeFromTheOriginIsStoredOnlyWithAValidator() {
        Decision etag = get(200, "Cache-Control", "max-age=0", "ETag", "\"a\"");
        assertTrue(etag.stored());
        assertEquals(Reuse.REVALIDATE_ALWAYS, etag.reuse());
        assertTrue(get(200, "Expires", "0", "Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT").stored());
        assertEquals(Reason.NO_VALIDATOR, get(200, "Cache-Control", "max-age=0").reason());
        assertEquals(Reason.NO_VALIDATOR, get(200, "Expires", "yesterday").reason());
    }

    @Test
    void reasonTags() {
        assertEquals("no-store", Reason.NO_STORE.tag());
        assertEquals("vary-any", Reason.VARY_ANY.tag());
        assertEquals("storable", Reason.STORABLE.tag());
    }

    @Test
    void varyReading() {
        assertEquals(Vary.NOTHING, Vary.of(java.util.List.of()));
        assertEquals(Vary.ACCEPT_ENCODING, Vary.of(java.util.List.of("ACCEPT-ENCODING")));
        assertEquals(Vary.OTHER, Vary.of(java.util.List.of("Origin", "Accept-Encoding")));
        assertEquals(Vary.ANY, Vary.of(java.util.List.of("Origin", " * ")));
    }
}
