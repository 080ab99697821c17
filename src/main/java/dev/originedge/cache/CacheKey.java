package dev.originedge.cache;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

import dev.originedge.config.HeaderNames;

/**
 * Which stored answer a request may get (issue 16, Key): the ordered origin list (one per POP group, so
 * {@code [eu, us]} and {@code [us, eu]} never share a copy), the object key as sent to the origin, the query
 * only where it is sent too (a web origin with {@code forward-query}; null otherwise, and an empty query is
 * none), and the normalised {@code Accept-Encoding} only for an answer that varies on it (null otherwise).
 */
public record CacheKey(List<String> origins, String objectKey, String query, String acceptEncoding) {

    public CacheKey {
        origins = List.copyOf(origins);
        Objects.requireNonNull(objectKey, "objectKey");
        query = query == null || query.isEmpty() ? null : query;
    }

    /** The key before the answer is known to vary. */
    public static CacheKey of(List<String> origins, String objectKey, String query) {
        return new CacheKey(origins, objectKey, query, null);
    }

    /** The same object's copy for this request's {@code Accept-Encoding} lines (an answer with Vary on it). */
    public CacheKey forEncoding(List<String> acceptEncoding) {
        return new CacheKey(origins, objectKey, query, normaliseAcceptEncoding(acceptEncoding));
    }

    /**
     * Lower-case codings, sorted, each once, those refused with {@code q=0} left out, other weights dropped:
     * {@code "GZip;q=0.8, br"} and {@code "br,gzip"} are one key. A coding that is no token is ignored; a
     * weight that is no number counts as acceptance. No header (or nothing acceptable left) is "".
     */
    public static String normaliseAcceptEncoding(List<String> lines) {
        TreeSet<String> codings = new TreeSet<>();
        if (lines != null) {
            for (String line : lines) {
                for (String element : line.split(",")) {
                    String[] parts = element.split(";");
                    String coding = parts[0].strip().toLowerCase(Locale.ROOT);
                    if (HeaderNames.isToken(coding) && !refused(parts)) {
                        codings.add(coding);
                    }
                }
            }
        }
        return String.join(",", codings);
    }

    /** {@code q=0}, {@code q=0.}, {@code q=0.000} (RFC 9110 §12.4.2: "not acceptable"). */
    private static boolean refused(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String p = parameters[i].strip();
            if (p.length() > 1 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                return p.substring(2).strip().matches("0(\\.0{0,3})?");
            }
        }
        return false;
    }
}
