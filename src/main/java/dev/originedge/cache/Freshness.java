package dev.originedge.cache;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import dev.originedge.config.EdgeConfig;
import io.vertx.core.MultiMap;

/**
 * How long an answer stays fresh (RFC 9111 §4.2.1) and how old it is (§4.2.3), read from its headers as they
 * go to the client (after {@code edge.cache.rules}). Lifetime, first that applies: {@code Surrogate-Control:
 * max-age} (the surrogate's own header, Fastly's order), {@code CDN-Cache-Control: max-age} (RFC 9213),
 * {@code Cache-Control: s-maxage}, {@code max-age}, {@code Expires} minus {@code Date}; else
 * {@code edge.cache.default-ttl} ({@code negative-ttl} for a {@code 404} or {@code 410}). No heuristic
 * freshness from {@code Last-Modified} (§4.2.2): an origin that says nothing is not cached unless configured.
 */
public final class Freshness {

    /** Where a lifetime came from: everything but the two configured defaults is the origin's word. */
    public enum Source {
        SURROGATE_CONTROL, CDN_CACHE_CONTROL, S_MAXAGE, MAX_AGE, EXPIRES, DEFAULT_TTL, NEGATIVE_TTL;

        public boolean fromOrigin() {
            return this != DEFAULT_TTL && this != NEGATIVE_TTL;
        }
    }

    /** A freshness lifetime in seconds (0: stale from the start). */
    public record Lifetime(long seconds, Source source) {

        public boolean fromOrigin() {
            return source.fromOrigin();
        }

        /** Seconds of freshness left at this age; 0 or less is stale (RFC 9211 {@code ttl} may be negative). */
        public long ttl(long ageSeconds) {
            return seconds - ageSeconds;
        }

        public boolean fresh(long ageSeconds) {
            return seconds > ageSeconds;
        }
    }

    private final long defaultTtl;
    private final long negativeTtl;

    public Freshness(Duration defaultTtl, Duration negativeTtl) {
        this.defaultTtl = Math.max(0, defaultTtl.toSeconds());
        this.negativeTtl = Math.max(0, negativeTtl.toSeconds());
    }

    public static Freshness of(EdgeConfig.CacheConfig cache) {
        return new Freshness(cache.defaultTtl(), cache.negativeTtl());
    }

    /**
     * @param responseMillis when the response head arrived: stands in for a missing or invalid {@code Date}
     */
    public Lifetime lifetime(int status, MultiMap headers, long responseMillis) {
        // RFC 9213 §2.1: a targeted field without a usable max-age is passed over, not read as "stale".
        OptionalLong surrogate = targetedMaxAge(Directives.parse(headers.getAll("surrogate-control")), true);
        if (surrogate.isPresent()) {
            return new Lifetime(surrogate.getAsLong(), Source.SURROGATE_CONTROL);
        }
        OptionalLong cdn = targetedMaxAge(Directives.parse(headers.getAll("cdn-cache-control")), false);
        if (cdn.isPresent()) {
            return new Lifetime(cdn.getAsLong(), Source.CDN_CACHE_CONTROL);
        }
        // In Cache-Control a malformed lifetime applies and means stale (RFC 9111 §4.2.1, §5.2).
        Directives cacheControl = Directives.parse(headers.getAll("cache-control"));
        OptionalLong sMaxAge = cacheControl.seconds("s-maxage");
        if (sMaxAge.isPresent()) {
            return new Lifetime(sMaxAge.getAsLong(), Source.S_MAXAGE);
        }
        OptionalLong maxAge = cacheControl.seconds("max-age");
        if (maxAge.isPresent()) {
            return new Lifetime(maxAge.getAsLong(), Source.MAX_AGE);
        }
        List<String> expires = headers.getAll("expires");
        if (!expires.isEmpty()) {
            return new Lifetime(expires(expires, headers.getAll("date"), responseMillis), Source.EXPIRES);
        }
        return status == 404 || status == 410 ? new Lifetime(negativeTtl, Source.NEGATIVE_TTL)
                : new Lifetime(defaultTtl, Source.DEFAULT_TTL);
    }

    /**
     * A targeted field's max-age, empty when it has none that is a number. Surrogate-Control may write
     * {@code max-age=60+30} (the part after {@code +} is stale-while-error time): the first number counts.
     */
    private static OptionalLong targetedMaxAge(Directives field, boolean surrogate) {
        String value = field.value("max-age");
        if (value == null) {
            return OptionalLong.empty();
        }
        if (surrogate && value.indexOf('+') > 0) {
            value = value.substring(0, value.indexOf('+'));
        }
        long seconds = Directives.deltaSeconds(value);
        return seconds < 0 ? OptionalLong.empty() : OptionalLong.of(seconds);
    }

    /** Expires minus Date; an invalid Expires (or one sent twice, differently) is already stale: 0. */
    private static long expires(List<String> expires, List<String> date, long responseMillis) {
        OptionalLong at = HttpDates.single(expires);
        if (at.isEmpty()) {
            return 0;
        }
        long base = HttpDates.single(date).orElse(Math.floorDiv(responseMillis, 1000));
        return Math.min(Directives.MAX_DELTA, Math.max(0, at.getAsLong() - base));
    }

    /**
     * RFC 9111 §4.2.3 {@code corrected_initial_age}: the age the answer had when it arrived, in seconds: the
     * larger of its apparent age (arrival minus {@code Date}) and its {@code Age} plus the time the request
     * took. An {@code Age} that is not a number is ignored; of several, the oldest counts.
     */
    public static long initialAge(MultiMap headers, long requestMillis, long responseMillis) {
        long responseSeconds = Math.floorDiv(responseMillis, 1000);
        long apparent = Math.max(0, responseSeconds - HttpDates.single(headers.getAll("date")).orElse(responseSeconds));
        long ageValue = 0;
        for (String age : headers.getAll("age")) {
            ageValue = Math.max(ageValue, Directives.deltaSeconds(age.strip()));
        }
        long delay = Math.max(0, responseMillis - requestMillis) / 1000;
        return Math.max(apparent, ageValue + delay);
    }

    /** RFC 9111 §4.2.3 {@code current_age}: the initial age plus the time since it arrived, for {@code Age}. */
    public static long currentAge(long initialAge, long responseMillis, long nowMillis) {
        return initialAge + Math.max(0, nowMillis - responseMillis) / 1000;
    }
}
