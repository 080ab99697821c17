package dev.originedge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheKeyTest {

    private static final List<String> AMS = List.of("eu", "us");
    private static final List<String> SJC = List.of("us", "eu");

    @Test
    void popGroupsWithTheOriginsInAnotherOrderNeverShareACopy() {
        CacheKey ams = CacheKey.of(AMS, "index.html", null);
        CacheKey sjc = CacheKey.of(SJC, "index.html", null);
        assertNotEquals(ams, sjc);
        assertNotEquals(ams.hashCode(), sjc.hashCode());
        assertEquals(ams, CacheKey.of(List.of("eu", "us"), "index.html", null));
        assertEquals(ams.hashCode(), CacheKey.of(new ArrayList<>(AMS), "index.html", null).hashCode());
    }

    @Test
    void theOriginListIsCopied() {
        List<String> origins = new ArrayList<>(AMS);
        CacheKey key = CacheKey.of(origins, "a", null);
        origins.add("ap");
        assertEquals(AMS, key.origins());
        assertThrows(UnsupportedOperationException.class, () -> key.origins().add("x"));
    }

    @Test
    void objectKeyAndQueryCount() {
        assertNotEquals(CacheKey.of(AMS, "a.txt", null), CacheKey.of(AMS, "b.txt", null));
        assertNotEquals(CacheKey.of(AMS, "cart", "item=7"), CacheKey.of(AMS, "cart", "item=8"));
        assertNotEquals(CacheKey.of(AMS, "cart", "item=7"), CacheKey.of(AMS, "cart", null));
        assertEquals(CacheKey.of(AMS, "cart", ""), CacheKey.of(AMS, "cart", null), "an empty query is none");
        assertNull(CacheKey.of(AMS, "cart", "").query());
        assertThrows(NullPointerException.class, () -> CacheKey.of(AMS, null, null));
        // Keys that a joined string could confuse stay apart.
        assertNotEquals(CacheKey.of(List.of("eu,us"), "a", null), CacheKey.of(AMS, "a", null));
        assertNotEquals(CacheKey.of(AMS, "a?b", null), CacheKey.of(AMS, "a", "b"));
    }

    @Test
    void anEncodingCopyIsItsOwnEntryAndTheSameForEquivalentHeaders() {
        CacheKey plain = CacheKey.of(AMS, "app.js", null);
        CacheKey gzip = plain.forEncoding(List.of("gzip, br"));
        assertNotEquals(plain, gzip);
        assertEquals("br,gzip", gzip.acceptEncoding());
        assertEquals(gzip, plain.forEncoding(List.of("BR;q=0.5", " gzip")));
        assertNotEquals(gzip, plain.forEncoding(List.of("gzip")));
        assertEquals("", plain.forEncoding(List.of()).acceptEncoding());
        assertNotEquals(plain, plain.forEncoding(List.of()), "varies, but the client sent none: its own copy");
        assertNotEquals(gzip, CacheKey.of(SJC, "app.js", null).forEncoding(List.of("gzip, br")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gzip|gzip",
            "GZIP, Deflate|deflate,gzip",
            "br;q=1.0, gzip;q=0.8, *;q=0.1|*,br,gzip",
            "gzip;q=0, br|br",
            "gzip; q=0.000, br|br",
            "gzip;Q=0.|''",
            "gzip;q=0.001|gzip",
            "gzip;q=abc|gzip",
            "identity;q=0|''",
            "gzip, gzip, GZip|gzip",
            "gzip,,, br ,|br,gzip",
            "'@@, g zip, br'|br",
            "' '|''" })
    void acceptEncodingIsNormalised(String header, String normalised) {
        assertEquals(normalised, CacheKey.normaliseAcceptEncoding(List.of(header)));
    }

    @Test
    void acceptEncodingLinesAreOneList() {
        assertEquals("br,gzip", CacheKey.normaliseAcceptEncoding(Arrays.asList("gzip", "br")));
        assertEquals("", CacheKey.normaliseAcceptEncoding(null));
    }
}
