package dev.originedge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectivesTest {

    private static Directives parse(String... lines) {
        return Directives.parse(Arrays.asList(lines));
    }

    @Test
    void namesAreCaseInsensitiveAndValuesKeptAsSent() {
        Directives d = parse("Public, MAX-AGE=60, No-Cache");
        assertTrue(d.has("public"));
        assertTrue(d.has("no-cache"));
        assertEquals(OptionalLong.of(60), d.seconds("max-age"));
        assertEquals("", d.value("public"));
    }

    @Test
    void quotedValuesAreUnquotedAndMayHoldCommas() {
        Directives d = parse("no-cache=\"Set-Cookie, X-Foo\", max-age=\"30\", private");
        assertEquals("Set-Cookie, X-Foo", d.value("no-cache"));
        assertEquals(OptionalLong.of(30), d.seconds("max-age"));
        assertTrue(d.has("private"));
        assertFalse(d.has("x-foo\""));
    }

    @Test
    void escapesInQuotesAreUndone() {
        assertEquals("a\"b,c", parse("ext=\"a\\\"b,c\", max-age=5").value("ext"));
        assertEquals(OptionalLong.of(5), parse("ext=\"a\\\"b,c\", max-age=5").seconds("max-age"));
    }

    @Test
    void linesAreOneList() {
        Directives d = parse("public", "max-age=10", "  ", "s-maxage=20");
        assertTrue(d.has("public"));
        assertEquals(OptionalLong.of(10), d.seconds("max-age"));
        assertEquals(OptionalLong.of(20), d.seconds("s-maxage"));
    }

    @Test
    void duplicatesTakeTheSmallestLifetime() {
        assertEquals(OptionalLong.of(30), parse("max-age=60, max-age=30").seconds("max-age"));
        assertEquals(OptionalLong.of(30), parse("max-age=30", "max-age=60").seconds("max-age"));
        assertEquals(OptionalLong.of(0), parse("max-age=60, max-age=soon").seconds("max-age"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "max-age=-1", "max-age=1.5", "max-age=", "max-age=abc", "max-age=\"\"",
            "max-age=0x10" })
    void aLifetimeThatIsNoNumberIsStale(String field) {
        assertEquals(OptionalLong.of(0), parse(field).seconds("max-age"));
    }

    @Test
    void anOverlongLifetimeIsTwoToTheThirtyFirst() {
        assertEquals(OptionalLong.of(Directives.MAX_DELTA),
                parse("max-age=99999999999999999999999999").seconds("max-age"));
    }

    @Test
    void absentIsEmpty() {
        assertEquals(OptionalLong.empty(), parse("public").seconds("max-age"));
        assertNull(parse("public").value("private"));
        assertTrue(Directives.parse(null).isEmpty());
        assertTrue(Directives.parse(List.of()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ",,,", "=", "=60", "\"", "max-age=\"60", "max-age=60 junk", "max-age=60;edge1",
            "\u0000\u00ff", "max-age = = 3", "no-store=\"unterminated, private" })
    void garbageNeverThrowsAndIsNotReadAsDirectives(String field) {
        Directives d = parse(field);
        assertEquals(OptionalLong.empty(), d.seconds("max-age"), field);
        assertFalse(d.has("private"), field);
    }

    @Test
    void garbageSkipsOnlyItsOwnDirective() {
        Directives d = parse("max-age=60 junk, no-store, @@@, private");
        assertEquals(OptionalLong.empty(), d.seconds("max-age"));
        assertTrue(d.has("no-store"));
        assertTrue(d.has("private"));
    }

    @Test
    void spaceAroundTheEqualsSignIsTolerated() {
        assertEquals(OptionalLong.of(7), parse("max-age = 7").seconds("max-age"));
    }

    @Test
    void deltaSeconds() {
        assertEquals(0, Directives.deltaSeconds("0"));
        assertEquals(42, Directives.deltaSeconds("042"));
        assertEquals(-1, Directives.deltaSeconds(""));
        assertEquals(-1, Directives.deltaSeconds(null));
        assertEquals(-1, Directives.deltaSeconds("+5"));
        assertEquals(-1, Directives.deltaSeconds(" 5"));
    }
}
