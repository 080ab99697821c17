package dev.originedge.cache;

import java.util.List;
import java.util.Locale;

import dev.originedge.config.EdgeConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

/**
 * Whether an answer, as it goes to the client, may be stored, and how it may be reused (issue 16, RFC 9111
 * §3): a {@code 200} to a {@code GET}, or a {@code 404}/{@code 410} with a positive lifetime (the origin's or
 * {@code edge.cache.negative-ttl}). The storage directives ({@code no-store}, {@code private}, {@code no-cache},
 * {@code must-revalidate}) count in {@code Cache-Control}, {@code CDN-Cache-Control} and
 * {@code Surrogate-Control} alike: the most restrictive wins, so that a blanket {@code edge.cache.rules}
 * surrogate lifetime never stores a web app's {@code private} page. A qualified {@code private="field"} or
 * {@code no-cache="field"} counts as the unqualified directive.
 */
public final class Storability {

    /** Why an answer is (not) stored; {@link #tag()} is the metric and log spelling. */
    public enum Reason {
        STORABLE, METHOD, STATUS, PARTIAL, NO_STORE, PRIVATE, SET_COOKIE, VARY_ANY, VARY, TOO_LARGE, BAD_LENGTH,
        NO_FRESHNESS, NO_VALIDATOR;

        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How a stored answer may be served again. */
    public enum Reuse {
        /** While fresh; once stale, revalidated (or refetched). */
        WHILE_FRESH,
        /** {@code no-cache} (or a zero lifetime with a validator): revalidated before every reuse. */
        REVALIDATE_ALWAYS,
        /** {@code must-revalidate}, {@code proxy-revalidate}, {@code s-maxage}: never served stale, not even when origins fail. */
        NEVER_STALE
    }

    /**
     * @param lifetime the answer's freshness; {@code reuse} and {@code varyOnEncoding} mean something only when
     *                 stored
     */
    public record Decision(Reason reason, Freshness.Lifetime lifetime, Reuse reuse, boolean varyOnEncoding) {

        public boolean stored() {
            return reason == Reason.STORABLE;
        }
    }

    private final long maxObjectSize;

    public Storability(long maxObjectSize) {
        this.maxObjectSize = maxObjectSize;
    }

    public static Storability of(EdgeConfig.CacheConfig cache) {
        return new Storability(cache.maxObjectSize().asLongValue());
    }

    /** @param lifetime from {@link Freshness#lifetime} on the same headers */
    public Decision decide(HttpMethod method, int status, MultiMap headers, Freshness.Lifetime lifetime) {
        Vary vary = Vary.of(headers.getAll("vary"));
        Fields fields = new Fields(headers);
        Reason refused = refused(method, status, headers, fields, vary);
        if (refused != null) {
            return new Decision(refused, lifetime, Reuse.WHILE_FRESH, false);
        }
        boolean encoding = vary == Vary.ACCEPT_ENCODING;
        Reuse reuse = fields.has("no-cache") ? Reuse.REVALIDATE_ALWAYS
                : fields.has("must-revalidate") || fields.has("proxy-revalidate")
                        || lifetime.source() == Freshness.Source.S_MAXAGE ? Reuse.NEVER_STALE : Reuse.WHILE_FRESH;
        boolean positive = lifetime.seconds() > 0;
        if (positive && reuse != Reuse.REVALIDATE_ALWAYS) {
            return new Decision(Reason.STORABLE, lifetime, reuse, encoding);
        }
        // Stale at once: only the origin's own word (max-age=0, no-cache, a past Expires) keeps a 200 to
        // revalidate; a default-ttl of 0 means "not cached", and revalidating a 404 costs what refetching does.
        if (!positive && (status != 200 || !lifetime.fromOrigin() && reuse != Reuse.REVALIDATE_ALWAYS)) {
            return new Decision(Reason.NO_FRESHNESS, lifetime, reuse, encoding);
        }
        // Revalidation without a validator is a full fetch: keeping the copy would buy nothing.
        boolean validator = headers.contains("etag") || headers.contains("last-modified");
        return new Decision(validator ? Reason.STORABLE : Reason.NO_VALIDATOR, lifetime, Reuse.REVALIDATE_ALWAYS,
                encoding);
    }

    /** The reasons that need no lifetime, in the order a log reader would look for them. */
    private Reason refused(HttpMethod method, int status, MultiMap headers, Fields fields, Vary vary) {
        if (method != HttpMethod.GET) {
            return Reason.METHOD;
        }
        if (status == 206) {
            return Reason.PARTIAL;
        }
        if (status != 200 && status != 404 && status != 410) {
            return Reason.STATUS;
        }
        if (fields.has("no-store")) {
            return Reason.NO_STORE;
        }
        if (fields.has("private")) {
            return Reason.PRIVATE;
        }
        if (headers.contains("set-cookie")) {
            return Reason.SET_COOKIE;
        }
        if (vary == Vary.ANY) {
            return Reason.VARY_ANY;
        }
        if (vary == Vary.OTHER) {
            return Reason.VARY;
        }
        return length(headers.getAll("content-length"));
    }

    /** A declared length over the limit, or one that is no length (or two that disagree): not stored. */
    private Reason length(List<String> declared) {
        long length = -1;
        for (String line : declared) {
            for (String value : line.split(",", -1)) {
                long n = ByteRange.digits(value.strip());
                if (n < 0 || length >= 0 && n != length) {
                    return Reason.BAD_LENGTH;
                }
                length = n;
            }
        }
        return length > maxObjectSize ? Reason.TOO_LARGE : null;
    }

    /** The three caching fields, read as one for the storage directives. */
    private static final class Fields {

        private final Directives cacheControl;
        private final Directives cdn;
        private final Directives surrogate;

        Fields(MultiMap headers) {
            cacheControl = Directives.parse(headers.getAll("cache-control"));
            cdn = Directives.parse(headers.getAll("cdn-cache-control"));
            surrogate = Directives.parse(headers.getAll("surrogate-control"));
        }

        boolean has(String directive) {
            return cacheControl.has(directive) || cdn.has(directive) || surrogate.has(directive);
        }
    }
}
