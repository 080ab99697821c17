package dev.originedge.cache;

import dev.originedge.config.HeaderNames;

/**
 * The {@code Cache-Status} value (RFC 9211) the edge adds to every proxied response, cache name
 * {@code OriginEdge}: {@code OriginEdge; hit; ttl=12}, {@code OriginEdge; fwd=uri-miss; stored},
 * {@code OriginEdge; fwd=stale; fwd-status=304}, {@code OriginEdge; fwd=bypass}. Parameters in the order
 * RFC 9211's examples use: hit or fwd, fwd-status, ttl, stored, collapsed, detail.
 */
public final class CacheStatus {

    public static final String HEADER = "Cache-Status";
    public static final String CACHE = "OriginEdge";

    /** RFC 9211 §2.2 {@code fwd} values: why the request went to an origin. */
    public enum Forward {
        BYPASS("bypass"), METHOD("method"), URI_MISS("uri-miss"), VARY_MISS("vary-miss"), MISS("miss"),
        REQUEST("request"), STALE("stale"), PARTIAL("partial");

        private final String token;

        Forward(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** Structured-field integers have at most 15 digits (RFC 8941 §3.3.1). */
    private static final long SF_INTEGER_MAX = 999_999_999_999_999L;

    private CacheStatus() {
    }

    /** Served from an entry; {@code ttl} is what freshness it has left (negative when served stale). */
    public static String hit(long ttlSeconds) {
        return CACHE + "; hit; ttl=" + Math.max(-SF_INTEGER_MAX, Math.min(SF_INTEGER_MAX, ttlSeconds));
    }

    /** A miss that was not stored. */
    public static String miss() {
        return forwarded(Forward.URI_MISS, 0, false, false, null);
    }

    /** A miss whose answer became an entry. */
    public static String stored() {
        return forwarded(Forward.URI_MISS, 0, true, false, null);
    }

    /** A miss that waited on another request's fill instead of asking the origin. */
    public static String collapsed() {
        return forwarded(Forward.URI_MISS, 0, false, true, null);
    }

    /**
     * A stale (or no-cache) entry that was revalidated: a {@code 304} refreshed it; a {@code 200} is a new
     * answer, stored or not.
     */
    public static String revalidated(int originStatus, boolean stored) {
        return forwarded(Forward.STALE, originStatus, stored, false, null);
    }

    /** The cache is off, or the request cannot use it (a {@code HEAD} or {@code Range} miss). */
    public static String bypass() {
        return forwarded(Forward.BYPASS, 0, false, false, null);
    }

    /**
     * Any forwarded combination.
     *
     * @param originStatus the origin's status for {@code fwd-status}; 0 or less: left out
     * @param detail       a token (e.g. {@link Storability.Reason#tag()}); null, or not a token: left out
     */
    public static String forwarded(Forward fwd, int originStatus, boolean stored, boolean collapsed, String detail) {
        StringBuilder b = new StringBuilder(48).append(CACHE).append("; fwd=").append(fwd.token());
        if (originStatus > 0) {
            b.append("; fwd-status=").append(originStatus);
        }
        if (stored) {
            b.append("; stored");
        }
        if (collapsed) {
            b.append("; collapsed");
        }
        if (detail != null && HeaderNames.isToken(detail) && Character.isLetter(detail.charAt(0))) {
            b.append("; detail=").append(detail); // an sf-token must start with a letter or '*'
        }
        return b.toString();
    }
}
