package dev.originedge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.cache.Freshness.Lifetime;
import dev.originedge.cache.Freshness.Source;
import io.vertx.core.MultiMap;

class FreshnessTest {

    /** 2026-01-01T00:00:00Z */
    private static final long T = 1_767_225_600_000L;
    private static final String DATE = "Thu, 01 Jan 2026 00:00:00 GMT";

    private final Freshness noDefaults = new Freshness(Duration.ZERO, Duration.ZERO);

    private static MultiMap headers(String... namesAndValues) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    private Lifetime lifetime(String... namesAndValues) {
        return noDefaults.lifetime(200, headers(namesAndValues), T);
    }

    @Test
    void theOrderIsSurrogateCdnSMaxAgeMaxAgeExpires() {
        String[] all = { "Surrogate-Control", "max-age=10", "CDN-Cache-Control", "max-age=20", "Cache-Control",
                "s-maxage=30, max-age=40", "Expires", "Thu, 01 Jan 2026 00:00:50 GMT", "Date", DATE };
        assertEquals(new Lifetime(10, Source.SURROGATE_CONTROL), lifetime(all));
        assertEquals(new Lifetime(20, Source.CDN_CACHE_CONTROL), lifetime(java.util.Arrays.copyOfRange(all, 2, 10)));
        assertEquals(new Lifetime(30, Source.S_MAXAGE), lifetime(java.util.Arrays.copyOfRange(all, 4, 10)));
        assertEquals(new Lifetime(40, Source.MAX_AGE),
                lifetime("Cache-Control", "max-age=40", "Expires", all[7], "Date", DATE));
        assertEquals(new Lifetime(50, Source.EXPIRES), lifetime("Expires", all[7], "Date", DATE));
    }

    @Test
    void aShorterLaterSourceDoesNotWin() {
        assertEquals(new Lifetime(3600, Source.SURROGATE_CONTROL),
                lifetime("Surrogate-Control", "max-age=3600", "Cache-Control", "max-age=0"));
    }

    @Test
    void surrogateControlWithoutMaxAgeFallsThrough() {
        assertEquals(new Lifetime(40, Source.MAX_AGE),
                lifetime("Surrogate-Control", "no-store", "Cache-Control", "max-age=40"));
    }

    @Test
    void surrogateControlsStaleExtensionIsNotFreshness() {
        assertEquals(new Lifetime(60, Source.SURROGATE_CONTROL), lifetime("Surrogate-Control", "max-age=60+30"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "max-age=soon", "max-age=-5", "max-age", "max-age=\"\"" })
    void aTargetedFieldWithoutAUsableMaxAgeIsPassedOver(String value) {
        assertEquals(new Lifetime(40, Source.MAX_AGE),
                lifetime("CDN-Cache-Control", value, "Surrogate-Control", value, "Cache-Control", "max-age=40"));
    }

    @Test
    void aMalformedCacheControlLifetimeIsStaleAndStopsTheSearch() {
        assertEquals(new Lifetime(0, Source.MAX_AGE),
                lifetime("Cache-Control", "max-age=tomorrow", "Expires", "Thu, 01 Jan 2026 01:00:00 GMT", "Date", DATE));
        assertEquals(new Lifetime(0, Source.S_MAXAGE), lifetime("Cache-Control", "s-maxage=x, max-age=60"));
    }

    @Test
    void duplicatesTakeTheSmallest() {
        assertEquals(new Lifetime(5, Source.MAX_AGE), lifetime("Cache-Control", "max-age=60", "Cache-Control", "max-age=5"));
    }

    @Test
    void headerNamesAndDirectivesAreCaseInsensitive() {
        assertEquals(new Lifetime(30, Source.S_MAXAGE), lifetime("cache-control", "S-MaxAge=30"));
    }

    @Test
    void expiresMinusDate() {
        assertEquals(new Lifetime(3600, Source.EXPIRES),
                lifetime("Expires", "Thu, 01 Jan 2026 01:00:00 GMT", "Date", DATE));
        // RFC 850 and asctime forms are HTTP-dates too.
        assertEquals(new Lifetime(3600, Source.EXPIRES),
                lifetime("Expires", "Thursday, 01-Jan-26 01:00:00 GMT", "Date", DATE));
        assertEquals(new Lifetime(3600, Source.EXPIRES),
                lifetime("Expires", "Thu Jan  1 01:00:00 2026", "Date", DATE));
    }

    @Test
    void expiresInThePastIsStale() {
        assertEquals(new Lifetime(0, Source.EXPIRES),
                lifetime("Expires", "Wed, 31 Dec 2025 00:00:00 GMT", "Date", DATE));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "never", "", "Thu, 99 Foo 2026" })
    void anInvalidExpiresIsAlreadyStale(String expires) {
        Freshness withDefault = new Freshness(Duration.ofMinutes(5), Duration.ZERO);
        assertEquals(new Lifetime(0, Source.EXPIRES), withDefault.lifetime(200, headers("Expires", expires, "Date", DATE), T));
    }

    @Test
    void twoDifferentExpiresAreStale() {
        assertEquals(new Lifetime(0, Source.EXPIRES), lifetime("Expires", "Thu, 01 Jan 2026 01:00:00 GMT",
                "Expires", "Thu, 01 Jan 2026 02:00:00 GMT", "Date", DATE));
    }

    @Test
    void expiresWithoutAUsableDateCountsFromTheResponseTime() {
        assertEquals(new Lifetime(60, Source.EXPIRES), lifetime("Expires", "Thu, 01 Jan 2026 00:01:00 GMT"));
        assertEquals(new Lifetime(60, Source.EXPIRES),
                lifetime("Expires", "Thu, 01 Jan 2026 00:01:00 GMT", "Date", "yesterday"));
    }

    @Test
    void withoutFreshnessTheConfiguredDefaultsApply() {
        Freshness configured = new Freshness(Duration.ofMinutes(5), Duration.ofSeconds(30));
        assertEquals(new Lifetime(300, Source.DEFAULT_TTL), configured.lifetime(200, headers("ETag", "\"a\""), T));
        assertEquals(new Lifetime(30, Source.NEGATIVE_TTL), configured.lifetime(404, headers(), T));
        assertEquals(new Lifetime(30, Source.NEGATIVE_TTL), configured.lifetime(410, headers(), T));
        assertEquals(new Lifetime(0, Source.DEFAULT_TTL), noDefaults.lifetime(200, headers(), T));
        assertFalse(configured.lifetime(200, headers(), T).fromOrigin());
        assertTrue(configured.lifetime(404, headers("Cache-Control", "max-age=9"), T).fromOrigin());
        assertEquals(9, configured.lifetime(404, headers("Cache-Control", "max-age=9"), T).seconds());
    }

    @Test
    void negativeConfiguredDurationsAreZero() {
        assertEquals(0, new Freshness(Duration.ofSeconds(-5), Duration.ofSeconds(-5)).lifetime(200, headers(), T).seconds());
    }

    @Test
    void garbageNeverThrows() {
        assertEquals(Source.MAX_AGE, lifetime("Cache-Control", "\"\"\",,=,max-age=\u0000", "Cache-Control", "max-age=1")
                .source());
        lifetime("Surrogate-Control", "=", "CDN-Cache-Control", "\"", "Expires", "\u00ff", "Date", "\u0000");
    }

    @Test
    void ttlAndFresh() {
        Lifetime l = new Lifetime(60, Source.MAX_AGE);
        assertEquals(50, l.ttl(10));
        assertEquals(-5, l.ttl(65));
        assertTrue(l.fresh(59));
        assertFalse(l.fresh(60));
    }

    @Test
    void initialAgeIsTheLargerOfApparentAgeAndCorrectedAge() {
        // Date 10 s before arrival, no Age: apparent age 10.
        assertEquals(10, Freshness.initialAge(headers("Date", DATE), T + 9_000, T + 10_000));
        // Age 100 plus a 2 s request beats the apparent age.
        assertEquals(102, Freshness.initialAge(headers("Date", DATE, "Age", "100"), T - 2_000, T));
        // A Date in the future (origin clock ahead) is no negative age.
        assertEquals(0, Freshness.initialAge(headers("Date", "Thu, 01 Jan 2026 00:10:00 GMT"), T, T));
    }

    @Test
    void anAgeThatIsNoNumberIsIgnoredAndTheOldestOfSeveralCounts() {
        assertEquals(0, Freshness.initialAge(headers("Age", "old"), T, T));
        assertEquals(0, Freshness.initialAge(headers("Age", "-3"), T, T));
        assertEquals(20, Freshness.initialAge(headers("Age", "5", "Age", " 20 "), T, T));
        assertEquals(Directives.MAX_DELTA, Freshness.initialAge(headers("Age", "999999999999999999999"), T, T));
    }

    @Test
    void withoutDateOrAgeTheInitialAgeIsTheRequestsDuration() {
        assertEquals(0, Freshness.initialAge(headers(), T - 300, T));
        assertEquals(3, Freshness.initialAge(headers(), T - 3_500, T));
    }

    @Test
    void currentAgeAddsTheResidentTime() {
        assertEquals(15, Freshness.currentAge(5, T, T + 10_999));
        assertEquals(5, Freshness.currentAge(5, T, T - 1_000), "a clock that went back adds nothing");
    }
}
