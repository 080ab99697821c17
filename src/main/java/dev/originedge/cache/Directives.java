package dev.originedge.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The directives of a {@code Cache-Control}-style field ({@code Cache-Control}, {@code CDN-Cache-Control},
 * {@code Surrogate-Control}), all of its lines read as one list: {@code name[=token|"quoted"]}, names
 * case-insensitive, commas inside quotes kept, anything malformed skipped up to the next comma. Nothing here
 * throws: an origin's garbage must never fail the answer it came with.
 * <p>
 * Duplicates: the most restrictive reading wins. A directive is present if any copy is; {@link #seconds} is the
 * smallest of the copies, and 0 (stale) when any copy is not a number (RFC 9111 §4.2.1 allows "first" or
 * "stale"; the smallest never keeps an answer longer than one of its copies said).
 */
final class Directives {

    /** RFC 9111 §1.2.2: a delta-seconds too large to represent counts as 2^31. */
    static final long MAX_DELTA = 2_147_483_648L;

    private static final Directives NONE = new Directives(Map.of());

    /** Lower-case name to the values of its copies ("" for a copy without a value). */
    private final Map<String, List<String>> directives;

    private Directives(Map<String, List<String>> directives) {
        this.directives = directives;
    }

    /** The field's lines (a {@code MultiMap.getAll}); none: no directives. */
    static Directives parse(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return NONE;
        }
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (String line : lines) {
            if (line != null) {
                new Parser(line, parsed).run();
            }
        }
        return parsed.isEmpty() ? NONE : new Directives(parsed);
    }

    boolean isEmpty() {
        return directives.isEmpty();
    }

    boolean has(String name) {
        return directives.containsKey(name);
    }

    /** The first copy's value ("" without one), or null when absent. */
    String value(String name) {
        List<String> values = directives.get(name);
        return values == null ? null : values.get(0);
    }

    /** The directive as delta-seconds: empty when absent, 0 when any copy is not a non-negative integer. */
    OptionalLong seconds(String name) {
        List<String> values = directives.get(name);
        if (values == null) {
            return OptionalLong.empty();
        }
        long least = MAX_DELTA;
        for (String value : values) {
            least = Math.min(least, Math.max(0, deltaSeconds(value)));
        }
        return OptionalLong.of(least);
    }

    /** RFC 9111 §1.2.2 delta-seconds, or -1 when the text is not one. */
    static long deltaSeconds(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = Math.min(MAX_DELTA, value * 10 + (c - '0'));
        }
        return value;
    }

    /** One line, one pass: name, optional value, then a comma or the end; junk drops the directive. */
    private static final class Parser {

        private final String s;
        private final Map<String, List<String>> into;
        private int i;

        Parser(String s, Map<String, List<String>> into) {
            this.s = s;
            this.into = into;
        }

        void run() {
            while (i < s.length()) {
                skipSpaceAndCommas();
                if (i >= s.length()) {
                    return;
                }
                String name = token();
                String value = "";
                skipSpace();
                if (!name.isEmpty() && i < s.length() && s.charAt(i) == '=') {
                    i++;
                    skipSpace();
                    value = i < s.length() && s.charAt(i) == '"' ? quoted() : token();
                    skipSpace();
                }
                if (name.isEmpty() || value == null || i < s.length() && s.charAt(i) != ',') {
                    skipToComma(); // malformed: not a directive we can trust
                    continue;
                }
                into.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
            }
        }

        private String token() {
            int start = i;
            while (i < s.length() && isTchar(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        /** A quoted-string with its backslash escapes undone; null when it never closes. */
        private String quoted() {
            StringBuilder b = new StringBuilder();
            for (i++; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    i++;
                    return b.toString();
                }
                if (c == '\\' && i + 1 < s.length()) {
                    c = s.charAt(++i);
                }
                b.append(c);
            }
            return null;
        }

        private void skipSpace() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        private void skipSpaceAndCommas() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == ',')) {
                i++;
            }
        }

        /** Past the next comma that is not inside quotes. */
        private void skipToComma() {
            boolean inQuotes = false;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    inQuotes = !inQuotes;
                } else if (c == '\\' && inQuotes) {
                    i++;
                } else if (c == ',' && !inQuotes) {
                    return;
                }
            }
        }

        private static boolean isTchar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
