package dev.originedge.cache;

import java.util.List;
import java.util.OptionalLong;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

/**
 * What a client's conditional or range request gets from a stored answer, in RFC 9110 §13.2.2's order:
 * {@code If-Match} / {@code If-Unmodified-Since} ({@code 412}), {@code If-None-Match} (weak comparison,
 * {@code *}, lists) or else {@code If-Modified-Since} ({@code 304}), then one {@code Range} with its
 * {@code If-Range} ({@code 206}, {@code 416}). Preconditions apply to a stored {@code 2xx} only (§13.2.1): a
 * stored {@code 404} is served as it is. Whatever cannot be evaluated (an invalid date, an entry without
 * {@code Last-Modified}) is ignored, which means the full answer: always a correct one.
 */
public final class Conditionals {

    public enum Kind {
        FULL, NOT_MODIFIED, PRECONDITION_FAILED, PARTIAL, UNSATISFIABLE
    }

    /**
     * @param first  the first byte of a {@code 206}, else -1
     * @param last   its last byte, else -1
     * @param length the stored body's length
     */
    public record Answer(Kind kind, int status, long first, long last, long length) {

        /** {@code bytes a-b/len} for a {@code 206}, {@code bytes *}{@code /len} for a {@code 416}, else null. */
        public String contentRange() {
            return switch (kind) {
                case PARTIAL -> "bytes " + first + "-" + last + "/" + length;
                case UNSATISFIABLE -> "bytes */" + length;
                default -> null;
            };
        }

        /** The body bytes this answer carries (what {@code Content-Length} says, for a GET). */
        public long bodyLength() {
            return switch (kind) {
                case FULL -> length;
                case PARTIAL -> last - first + 1;
                default -> 0;
            };
        }
    }

    private Conditionals() {
    }

    /**
     * @param request      the client's request headers
     * @param storedStatus the entry's status
     * @param stored       the entry's headers ({@code ETag}, {@code Last-Modified}, and its {@code Date}, which
     *                     says whether {@code Last-Modified} is a strong validator)
     * @param length       the entry's body length
     */
    public static Answer answer(HttpMethod method, MultiMap request, int storedStatus, MultiMap stored, long length) {
        Answer full = new Answer(Kind.FULL, storedStatus, -1, -1, length);
        boolean getOrHead = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (!getOrHead || storedStatus < 200 || storedStatus > 299) {
            return full;
        }
        EntityTags.Tag etag = EntityTags.etag(stored.getAll("etag"));
        OptionalLong lastModified = HttpDates.single(stored.getAll("last-modified"));
        if (failed(request, etag, lastModified)) {
            return new Answer(Kind.PRECONDITION_FAILED, 412, -1, -1, length);
        }
        if (notModified(request, etag, lastModified)) {
            return new Answer(Kind.NOT_MODIFIED, 304, -1, -1, length);
        }
        List<String> range = request.getAll("range");
        if (method != HttpMethod.GET || range.isEmpty() || storedStatus != 200
                || request.contains("if-range") && !ifRange(request.getAll("if-range"), etag, lastModified, stored)) {
            return full;
        }
        ByteRange selected = ByteRange.select(range, length);
        if (selected == null) {
            return full;
        }
        return selected == ByteRange.UNSATISFIABLE ? new Answer(Kind.UNSATISFIABLE, 416, -1, -1, length)
                : new Answer(Kind.PARTIAL, 206, selected.first(), selected.last(), length);
    }

    /** Steps 1 and 2: If-Match (strong comparison), else If-Unmodified-Since. */
    private static boolean failed(MultiMap request, EntityTags.Tag etag, OptionalLong lastModified) {
        if (request.contains("if-match")) {
            EntityTags.Tags wanted = EntityTags.list(request.getAll("if-match"));
            return !(wanted.any() || etag != null && wanted.tags().stream().anyMatch(etag::strongMatch));
        }
        OptionalLong since = HttpDates.single(request.getAll("if-unmodified-since"));
        return since.isPresent() && lastModified.isPresent() && lastModified.getAsLong() > since.getAsLong();
    }

    /** Steps 3 and 4: If-None-Match (weak comparison), else If-Modified-Since. */
    private static boolean notModified(MultiMap request, EntityTags.Tag etag, OptionalLong lastModified) {
        if (request.contains("if-none-match")) {
            EntityTags.Tags tags = EntityTags.list(request.getAll("if-none-match"));
            return tags.any() || etag != null && tags.tags().stream().anyMatch(etag::weakMatch);
        }
        OptionalLong since = HttpDates.single(request.getAll("if-modified-since"));
        return since.isPresent() && lastModified.isPresent() && lastModified.getAsLong() <= since.getAsLong();
    }

    /**
     * RFC 9110 §13.1.5: a strong entity-tag that strongly matches, or an HTTP-date equal to a
     * {@code Last-Modified} that is strong (at least a second before the entry's {@code Date}, §8.8.2.2).
     */
    private static boolean ifRange(List<String> lines, EntityTags.Tag etag, OptionalLong lastModified,
            MultiMap stored) {
        if (lines.size() != 1) {
            return false;
        }
        String value = lines.get(0).strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            EntityTags.Tag wanted = EntityTags.etag(List.of(value));
            return wanted != null && etag != null && etag.strongMatch(wanted);
        }
        OptionalLong date = HttpDates.seconds(value);
        OptionalLong storedDate = HttpDates.single(stored.getAll("date"));
        return date.isPresent() && lastModified.isPresent() && storedDate.isPresent()
                && date.getAsLong() == lastModified.getAsLong()
                && lastModified.getAsLong() <= storedDate.getAsLong() - 1;
    }
}
