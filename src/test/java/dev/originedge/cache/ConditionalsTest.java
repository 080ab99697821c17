package dev.originedge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.cache.Conditionals.Answer;
import dev.originedge.cache.Conditionals.Kind;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

class ConditionalsTest {

    private static final String DATE = "Thu, 01 Jan 2026 00:00:00 GMT";
    private static final String MODIFIED = "Wed, 31 Dec 2025 12:00:00 GMT";
    private static final String EARLIER = "Wed, 31 Dec 2025 11:59:59 GMT";
    private static final String LATER = "Wed, 31 Dec 2025 12:00:01 GMT";

    /** An entry: 100 bytes, strong ETag "v1", Last-Modified half a day before its Date. */
    private static final MultiMap STORED = headers("ETag", "\"v1\"", "Last-Modified", MODIFIED, "Date", DATE);

    private static MultiMap headers(String... namesAndValues) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    private static Answer get(String... request) {
        return Conditionals.answer(HttpMethod.GET, headers(request), 200, STORED, 100);
    }

    private static Answer against(MultiMap stored, String... request) {
        return Conditionals.answer(HttpMethod.GET, headers(request), 200, stored, 100);
    }

    @Test
    void anUnconditionalRequestGetsTheWholeEntry() {
        Answer a = get();
        assertEquals(Kind.FULL, a.kind());
        assertEquals(200, a.status());
        assertEquals(100, a.bodyLength());
        assertNull(a.contentRange());
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"v1\"", "W/\"v1\"", "\"v0\", \"v1\"", "\"x\",W/\"v1\"", "*", " * ", "\"a,b\", \"v1\"",
            "v1" })
    void ifNoneMatchUsesTheWeakComparison(String inm) {
        Answer a = get("If-None-Match", inm);
        assertEquals(Kind.NOT_MODIFIED, a.kind(), inm);
        assertEquals(304, a.status());
        assertEquals(0, a.bodyLength());
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"v2\"", "\"V1\"", "W/\"v2\", \"v3\"", "\"v1", "\"a,\"v1\"\"", "", "garbage" })
    void ifNoneMatchThatMatchesNothingGetsTheEntry(String inm) {
        assertEquals(Kind.FULL, get("If-None-Match", inm).kind(), inm);
    }

    @Test
    void ifNoneMatchListsOverSeveralLines() {
        assertEquals(Kind.NOT_MODIFIED, get("If-None-Match", "\"v0\"", "If-None-Match", "\"v1\"").kind());
    }

    @Test
    void aWeakStoredTagMatchesWeakly() {
        MultiMap weak = headers("ETag", "W/\"v1\"", "Date", DATE);
        assertEquals(Kind.NOT_MODIFIED, against(weak, "If-None-Match", "\"v1\"").kind());
        assertEquals(Kind.FULL, against(headers("Date", DATE), "If-None-Match", "\"v1\"").kind(), "no ETag");
        assertEquals(Kind.NOT_MODIFIED, against(headers("Date", DATE), "If-None-Match", "*").kind(),
                "* matches any stored representation");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { MODIFIED + "|NOT_MODIFIED", LATER + "|NOT_MODIFIED", EARLIER + "|FULL",
            "Wednesday, 31-Dec-25 12:00:00 GMT|NOT_MODIFIED", "yesterday|FULL", "0|FULL" })
    void ifModifiedSince(String ims, Kind kind) {
        assertEquals(kind, get("If-Modified-Since", ims).kind());
    }

    @Test
    void ifModifiedSinceCountsOnlyWithoutIfNoneMatch() {
        assertEquals(Kind.FULL, get("If-None-Match", "\"v2\"", "If-Modified-Since", LATER).kind());
        assertEquals(Kind.NOT_MODIFIED, get("If-None-Match", "\"v1\"", "If-Modified-Since", EARLIER).kind());
    }

    @Test
    void ifModifiedSinceIsIgnoredWithoutLastModifiedOrWithTwoDates() {
        assertEquals(Kind.FULL, against(headers("ETag", "\"v1\""), "If-Modified-Since", LATER).kind());
        assertEquals(Kind.FULL, get("If-Modified-Since", LATER, "If-Modified-Since", MODIFIED).kind());
    }

    @Test
    void headGets304sButNeverARange() {
        Answer head = Conditionals.answer(HttpMethod.HEAD, headers("If-None-Match", "\"v1\""), 200, STORED, 100);
        assertEquals(Kind.NOT_MODIFIED, head.kind());
        assertEquals(Kind.FULL,
                Conditionals.answer(HttpMethod.HEAD, headers("Range", "bytes=0-9"), 200, STORED, 100).kind());
    }

    @Test
    void otherMethodsAndStoredErrorsAreServedAsTheyAre() {
        assertEquals(Kind.FULL,
                Conditionals.answer(HttpMethod.POST, headers("If-None-Match", "*"), 200, STORED, 100).kind());
        Answer notFound = Conditionals.answer(HttpMethod.GET, headers("If-None-Match", "*", "Range", "bytes=0-1"),
                404, STORED, 100);
        assertEquals(Kind.FULL, notFound.kind());
        assertEquals(404, notFound.status());
    }

    @Test
    void ifMatchAndIfUnmodifiedSince() {
        assertEquals(Kind.FULL, get("If-Match", "\"v1\"").kind());
        assertEquals(Kind.FULL, get("If-Match", "*").kind());
        assertEquals(Kind.PRECONDITION_FAILED, get("If-Match", "\"v2\"").kind());
        assertEquals(412, get("If-Match", "W/\"v1\"").status(), "If-Match compares strongly");
        assertEquals(Kind.PRECONDITION_FAILED, get("If-Unmodified-Since", EARLIER).kind());
        assertEquals(Kind.FULL, get("If-Unmodified-Since", MODIFIED).kind());
        assertEquals(Kind.FULL, get("If-Unmodified-Since", "soon").kind());
        assertEquals(Kind.FULL, get("If-Match", "\"v1\"", "If-Unmodified-Since", EARLIER).kind(),
                "If-Unmodified-Since only without If-Match");
        assertEquals(Kind.PRECONDITION_FAILED, get("If-Match", "\"v2\"", "If-None-Match", "\"v1\"").kind(),
                "412 before 304");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bytes=0-9|0|9|bytes 0-9/100",
            "bytes=90-|90|99|bytes 90-99/100",
            "bytes=-10|90|99|bytes 90-99/100",
            "bytes=-500|0|99|bytes 0-99/100",
            "bytes=95-500|95|99|bytes 95-99/100",
            "bytes=99-99|99|99|bytes 99-99/100",
            "BYTES = 5-6|5|6|bytes 5-6/100",
            "bytes=0-9,|0|9|bytes 0-9/100",
            "bytes=0-99999999999999999999999|0|99|bytes 0-99/100" })
    void oneRangeIsAPartialAnswer(String range, long first, long last, String contentRange) {
        Answer a = get("Range", range);
        assertEquals(Kind.PARTIAL, a.kind(), range);
        assertEquals(206, a.status());
        assertEquals(first, a.first());
        assertEquals(last, a.last());
        assertEquals(contentRange, a.contentRange());
        assertEquals(last - first + 1, a.bodyLength());
    }

    @ParameterizedTest
    @ValueSource(strings = { "bytes=100-", "bytes=100-200", "bytes=-0", "bytes=99999999999999999999999-" })
    void anUnsatisfiableRangeIs416WithTheLength(String range) {
        Answer a = get("Range", range);
        assertEquals(Kind.UNSATISFIABLE, a.kind(), range);
        assertEquals(416, a.status());
        assertEquals("bytes */100", a.contentRange());
        assertEquals(0, a.bodyLength());
    }

    @ParameterizedTest
    @ValueSource(strings = { "bytes=0-1,5-6", "bytes=0-1, 200-300", "bytes=5-2", "bytes=a-b", "bytes=-", "bytes=",
            "bytes=1", "items=0-1", "0-1", "bytes=--1", "bytes=1--2", "bytes=+1-2", "bytes=,,,", "" })
    void severalRangesOrAnInvalidOneGetTheWholeEntry(String range) {
        assertEquals(Kind.FULL, get("Range", range).kind(), range);
    }

    @Test
    void twoRangeLinesGetTheWholeEntry() {
        assertEquals(Kind.FULL, get("Range", "bytes=0-1", "Range", "bytes=2-3").kind());
    }

    @Test
    void anEmptyBodyIsServedWholeWhateverTheRange() {
        assertEquals(Kind.FULL, Conditionals.answer(HttpMethod.GET, headers("Range", "bytes=0-"), 200, STORED, 0).kind());
        assertEquals(Kind.FULL, Conditionals.answer(HttpMethod.GET, headers("Range", "bytes=-5"), 200, STORED, 0).kind());
    }

    @Test
    void ifRangeWithTheStrongEntityTag() {
        assertEquals(Kind.PARTIAL, get("Range", "bytes=0-9", "If-Range", "\"v1\"").kind());
        assertEquals(Kind.FULL, get("Range", "bytes=0-9", "If-Range", "\"v2\"").kind(), "changed: the whole new body");
        assertEquals(Kind.FULL, get("Range", "bytes=0-9", "If-Range", "W/\"v1\"").kind(), "weak tags never match");
        assertEquals(Kind.FULL, against(headers("ETag", "W/\"v1\"", "Date", DATE), "Range", "bytes=0-9", "If-Range",
                "\"v1\"").kind(), "nor a weak stored tag");
        assertEquals(Kind.UNSATISFIABLE, get("Range", "bytes=500-", "If-Range", "\"v1\"").kind());
    }

    @Test
    void ifRangeWithTheExactStrongLastModified() {
        assertEquals(Kind.PARTIAL, get("Range", "bytes=0-9", "If-Range", MODIFIED).kind());
        assertEquals(Kind.FULL, get("Range", "bytes=0-9", "If-Range", LATER).kind(), "a later date is no match");
        assertEquals(Kind.FULL, get("Range", "bytes=0-9", "If-Range", EARLIER).kind());
        assertEquals(Kind.FULL, get("Range", "bytes=0-9", "If-Range", "garbage").kind());
        MultiMap sameSecond = headers("Last-Modified", DATE, "Date", DATE);
        assertEquals(Kind.FULL, against(sameSecond, "Range", "bytes=0-9", "If-Range", DATE).kind(),
                "modified in the second of its Date: a weak validator");
        assertEquals(Kind.FULL, against(headers("Last-Modified", MODIFIED), "Range", "bytes=0-9", "If-Range", MODIFIED)
                .kind(), "no Date: its strength is unknown");
    }

    @Test
    void ifRangeWithoutRangeIsNothing() {
        assertEquals(Kind.FULL, get("If-Range", "\"v2\"").kind());
    }

    @Test
    void aMatchingIfNoneMatchWinsOverTheRange() {
        assertEquals(Kind.NOT_MODIFIED, get("If-None-Match", "\"v1\"", "Range", "bytes=0-9").kind());
        assertEquals(Kind.PARTIAL, get("If-None-Match", "\"v2\"", "Range", "bytes=0-9").kind());
    }

    @Test
    void entityTagLists() {
        EntityTags.Tags tags = EntityTags.list(java.util.List.of("W/\"a\", \"b,c\" ,\"\", *"));
        assertEquals(true, tags.any());
        assertEquals(java.util.List.of(new EntityTags.Tag("a", true), new EntityTags.Tag("b,c", false),
                new EntityTags.Tag("", false)), tags.tags());
        assertNull(EntityTags.etag(java.util.List.of()));
        assertEquals(new EntityTags.Tag("x", false), EntityTags.etag(java.util.List.of("\"x\"", "\"y\"")));
    }
}
