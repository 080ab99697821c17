package dev.originedge.edgeauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the {@code edge-auth} header that Origin Edge adds to requests for web-app origins, so that an origin
 * can accept traffic only from the edge. It is also the one definition of the format: the proxy builds the header
 * with {@link #header(String, long, String)}.
 *
 * <p>Format (Fastly's backend-authentication format, so an origin that already checks it works unchanged):
 * <pre>{@code {unix seconds},{pop}, {base64(HMAC-SHA256(secret, "{unix seconds},{pop}"))}}</pre>
 * for instance {@code 1764590400,AMS, Q7k1oCyZA47SBbkMnsYRNl01xm6LpIz3UjiasdnoRY8=}.
 *
 * <p>This file depends on {@code java.*} only: copy it into any Java 17+ application. Usage, in a servlet filter
 * or any framework's equivalent:
 * <pre>{@code
 * EdgeAuthVerifier verifier = new EdgeAuthVerifier(System.getenv("EDGE_AUTH_SECRET"), Duration.ofSeconds(60));
 * ...
 * if (!verifier.isValid(request.getHeader(EdgeAuthVerifier.DEFAULT_HEADER))) {
 *     response.sendError(403);
 *     return;
 * }
 * chain.doFilter(request, response);
 * }</pre>
 * Instances are immutable and thread-safe. {@link #verify(String)} never throws on any input.
 */
public final class EdgeAuthVerifier {

    /** The header's name unless the proxy is configured otherwise. */
    public static final String DEFAULT_HEADER = "edge-auth";
    /** How far ahead of this machine's clock a timestamp may be: the edge's clock may run a little fast. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(30);

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 32;
    private static final int MAX_TIME_DIGITS = 12; // the year 33658: keeps the arithmetic and Instant in range

    /** What {@link #verify(String)} concluded. Only {@code VALID} should let a request through. */
    public enum Status { VALID, MISSING, MALFORMED, BAD_SIGNATURE, EXPIRED, FUTURE }

    /**
     * The outcome of a verification. {@code pop} and {@code time} are set only when the signature is genuine
     * ({@code VALID}, {@code EXPIRED}, {@code FUTURE}), so a log line can trust them; otherwise they are null.
     */
    public record Result(Status status, String pop, Instant time) {

        private static final Result MISSING = new Result(Status.MISSING, null, null);
        private static final Result MALFORMED = new Result(Status.MALFORMED, null, null);
        private static final Result BAD_SIGNATURE = new Result(Status.BAD_SIGNATURE, null, null);

        public boolean valid() {
            return status == Status.VALID;
        }
    }

    private final SecretKeySpec key;
    private final Duration maxAge;
    private final Duration maxClockSkew;
    private final Clock clock;

    /** A verifier on the system's UTC clock that allows {@link #DEFAULT_MAX_CLOCK_SKEW}. */
    public EdgeAuthVerifier(String secret, Duration maxAge) {
        this(secret, maxAge, DEFAULT_MAX_CLOCK_SKEW, Clock.systemUTC());
    }

    /**
     * @param secret       the secret shared with the proxy (its UTF-8 bytes are the HMAC key)
     * @param maxAge       how old a header may be; 60 s is a sensible choice with NTP-synchronised clocks
     * @param maxClockSkew how far in the future a header's time may be; zero or more
     * @param clock        the clock "now" is read from
     * @throws IllegalArgumentException for a null or empty secret, a non-positive maxAge, a negative skew
     */
    public EdgeAuthVerifier(String secret, Duration maxAge, Duration maxClockSkew, Clock clock) {
        // The messages never echo the secret: exceptions end up in logs.
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        if (maxClockSkew == null || maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew must be zero or positive, was " + maxClockSkew);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        this.key = key(secret);
        this.maxAge = maxAge;
        this.maxClockSkew = maxClockSkew;
        this.clock = clock;
    }

    /**
     * The header value for a request sent at {@code epochSecond} from {@code pop}, signed with {@code secret}.
     *
     * @throws IllegalArgumentException for a null or empty secret, a negative time, or a pop that is empty or
     *                                  contains a comma or a control character (it would not parse back, or would
     *                                  break the HTTP header)
     */
    public static String header(String secret, long epochSecond, String pop) {
        if (epochSecond < 0) {
            throw new IllegalArgumentException("epochSecond must not be negative, was " + epochSecond);
        }
        if (pop == null || pop.isEmpty() || pop.chars().anyMatch(c -> c == ',' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("pop must be non-empty text without commas, was " + pop);
        }
        String message = epochSecond + "," + pop;
        return message + ", " + Base64.getEncoder().encodeToString(hmac(key(secret), message));
    }

    /** Whether the header is genuine and fresh: {@code verify(headerValue).valid()}. */
    public boolean isValid(String headerValue) {
        return verify(headerValue).valid();
    }

    /** Checks the header's shape, then its signature, then its age. Never throws. */
    public Result verify(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return Result.MISSING;
        }
        // Time before the first comma, signature after the last one, the POP in between.
        int first = headerValue.indexOf(',');
        int last = headerValue.lastIndexOf(',');
        if (first < 0 || first == last) {
            return Result.MALFORMED;
        }
        String message = headerValue.substring(0, last); // exactly the text that was signed
        String pop = headerValue.substring(first + 1, last);
        long epochSecond = parseTime(headerValue.substring(0, first));
        byte[] given = decode(headerValue.substring(last + 1).strip()); // strip: "ts,pop,sig" verifies too
        if (epochSecond < 0 || pop.isEmpty() || given == null) {
            return Result.MALFORMED;
        }
        // Constant time, so a forger cannot learn the signature byte by byte from response times.
        if (!MessageDigest.isEqual(hmac(key, message), given)) {
            return Result.BAD_SIGNATURE;
        }
        // Judged in whole seconds, the header's resolution, so a header is never older than it says.
        long age = clock.instant().getEpochSecond() - epochSecond;
        if (Duration.ofSeconds(age).compareTo(maxAge) > 0) {
            return new Result(Status.EXPIRED, pop, Instant.ofEpochSecond(epochSecond));
        }
        if (Duration.ofSeconds(-age).compareTo(maxClockSkew) > 0) {
            return new Result(Status.FUTURE, pop, Instant.ofEpochSecond(epochSecond));
        }
        return new Result(Status.VALID, pop, Instant.ofEpochSecond(epochSecond));
    }

    @Override
    public String toString() {
        return "EdgeAuthVerifier[maxAge=" + maxAge + ", maxClockSkew=" + maxClockSkew + ", clock=" + clock + "]";
    }

    /** ASCII digits only (no sign, no spaces); -1 if it is not such a number. */
    private static long parseTime(String text) {
        if (text.isEmpty() || text.length() > MAX_TIME_DIGITS) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }

    /** The signature's bytes, or null if it is not standard base64 of an HMAC-SHA256. */
    private static byte[] decode(String signature) {
        try {
            byte[] bytes = Base64.getDecoder().decode(signature);
            return bytes.length == SIGNATURE_BYTES ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SecretKeySpec key(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be null or empty");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac is not thread-safe: one per call
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is required of every Java platform: this is a broken runtime, not bad input.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
