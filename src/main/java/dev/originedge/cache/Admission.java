package dev.originedge.cache;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.vertx.core.MultiMap;

/**
 * Whether an answer, as it goes to the client, may be stored, and for how long: freshness from the first of
 * {@code Surrogate-Control: max-age}, {@code CDN-Cache-Control: max-age} (RFC 9213), {@code s-maxage},
 * {@code max-age}, {@code Expires} minus {@code Date}; else the configured default. Never stored:
 * {@code no-store}, {@code private}, {@code no-cache} (it would need revalidation before each reuse),
 * {@code Set-Cookie}, a {@code Vary} on anything but {@code Accept-Encoding}.
 */
public final class Admission {

    private Admission() {
    }

    /** Seconds of freshness, or 0: not stored. */
    public static long lifetime(int status, MultiMap headers, Duration defaultTtl, Duration negativeTtl) {
        if (status != 200 && status != 404 && status != 410) {
            return 0;
        }
        if (headers.contains("set-cookie") || !varyOk(headers.getAll("vary"))) {
            return 0;
        }
        String cacheControl = String.join(",", headers.getAll("cache-control")).toLowerCase(Locale.ROOT);
        if (has(cacheControl, "no-store") || has(cacheControl, "private") || has(cacheControl, "no-cache")) {
            return 0;
        }
        long seconds = maxAge(headers.get("surrogate-control"), "max-age");
        if (seconds < 0) {
            seconds = maxAge(headers.get("cdn-cache-control"), "max-age");
        }
        if (seconds < 0) {
            seconds = maxAge(cacheControl, "s-maxage");
        }
        if (seconds < 0) {
            seconds = maxAge(cacheControl, "max-age");
        }
        if (seconds < 0) {
            seconds = expires(headers.get("expires"), headers.get("date"));
        }
        if (seconds < 0) {
            seconds = (status == 200 ? defaultTtl : negativeTtl).toSeconds();
        }
        return Math.max(0, seconds);
    }

    private static boolean varyOk(java.util.List<String> vary) {
        for (String line : vary) {
            for (String name : line.split(",")) {
                String n = name.trim();
                if (!n.isEmpty() && !n.equalsIgnoreCase("accept-encoding")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean has(String directives, String name) {
        for (String d : directives.split(",")) {
            String t = d.trim();
            if (t.equals(name) || t.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }

    /** The directive's seconds, or -1 when absent or not a number. */
    static long maxAge(String directives, String name) {
        if (directives == null) {
            return -1;
        }
        for (String d : directives.toLowerCase(Locale.ROOT).split(",")) {
            String t = d.trim();
            if (t.startsWith(name + "=")) {
                String value = t.substring(name.length() + 1).replace("\"", "").trim();
                try {
                    return Math.max(0, Long.parseLong(value));
                } catch (NumberFormatException e) {
                    return 0; // a malformed lifetime is no lifetime (RFC 9111 §4.2.1: treat as stale)
                }
            }
        }
        return -1;
    }

    private static long expires(String expires, String date) {
        if (expires == null) {
            return -1;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME);
            ZonedDateTime now = date != null ? ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                    : ZonedDateTime.now();
            return Math.max(0, Duration.between(now, at).toSeconds());
        } catch (RuntimeException e) {
            return 0; // an invalid Expires means already stale
        }
    }
}
