package dev.originedge.cache;

import java.util.Date;
import java.util.List;
import java.util.OptionalLong;

import io.netty.handler.codec.DateFormatter;

/**
 * HTTP-dates (RFC 9110 §5.6.7) as epoch seconds. Netty's parser (the one Vert.x uses) reads all three forms a
 * recipient must accept (IMF-fixdate, RFC 850, asctime) and returns null instead of throwing.
 */
final class HttpDates {

    private HttpDates() {
    }

    /** Empty when the text is no date ({@code Expires: 0}, garbage, absent). */
    static OptionalLong seconds(String text) {
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        Date date = DateFormatter.parseHttpDate(text.strip());
        return date == null ? OptionalLong.empty() : OptionalLong.of(Math.floorDiv(date.getTime(), 1000));
    }

    /** A field that must be a single date: empty when absent, invalid, or sent more than once with different values. */
    static OptionalLong single(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong first = seconds(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            if (!seconds(lines.get(i)).equals(first)) {
                return OptionalLong.empty();
            }
        }
        return first;
    }
}
