package dev.originedge.cache;

import java.util.List;
import java.util.Locale;

/**
 * The one byte range (RFC 9110 §14.1.2) a {@code Range} asks of a stored body: {@code bytes=a-b},
 * {@code a-}, {@code -n}. Several ranges are served as the whole body ({@code 200}): a multipart/byteranges
 * answer is rare in practice and a full answer is always correct (§14.2 lets a server ignore Range).
 */
record ByteRange(long first, long last) {

    /** Asked for, but nothing of the body: {@code 416}. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /**
     * @return the range, {@link #UNSATISFIABLE}, or null to serve the whole body: no {@code Range}, another
     *         unit, an invalid one, several ranges, or an empty body (no range of it can be written)
     */
    static ByteRange select(List<String> lines, long length) {
        if (lines.size() != 1 || length <= 0) {
            return null;
        }
        String header = lines.get(0);
        int eq = header.indexOf('=');
        if (eq < 0 || !header.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return null;
        }
        String spec = null;
        for (String element : header.substring(eq + 1).split(",")) {
            if (!element.isBlank()) {
                if (spec != null) {
                    return null; // several ranges
                }
                spec = element.strip();
            }
        }
        return spec == null ? null : one(spec, length);
    }

    private static ByteRange one(String spec, long length) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (from.isEmpty()) { // a suffix: the last n bytes, or all of a shorter body
            long n = digits(to);
            return n < 0 ? null : n == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, length - n), length - 1);
        }
        long first = digits(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : digits(to);
        if (first < 0 || last < first) {
            return null; // not digits, or last before first: an invalid range is ignored
        }
        return first >= length ? UNSATISFIABLE : new ByteRange(first, Math.min(last, length - 1));
    }

    /** Digits as a number (too many: {@code Long.MAX_VALUE}); -1 for none or anything else. */
    static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : n * 10 + (c - '0');
        }
        return n;
    }
}
