package dev.originedge.cache;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * One stored answer: its status, the headers it went to the client with (less those of the moment: Date, Age,
 * Cache-Status, framing), its body off the Java heap (a direct buffer nobody writes to again: readers take
 * duplicates, and it is freed when the last of them and the cache let go), and which origin filled it.
 */
public final class CacheEntry {

    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final ByteBuffer body;
    private final String origin;
    private final String hostHeader;
    private final long storedAtMillis;
    private final long ageAtStoreSeconds;
    private final long lifetimeSeconds;

    public CacheEntry(int status, List<Map.Entry<String, String>> headers, ByteBuffer body, String origin,
            String hostHeader, long storedAtMillis, long ageAtStoreSeconds, long lifetimeSeconds) {
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body.asReadOnlyBuffer();
        this.origin = origin;
        this.hostHeader = hostHeader;
        this.storedAtMillis = storedAtMillis;
        this.ageAtStoreSeconds = ageAtStoreSeconds;
        this.lifetimeSeconds = lifetimeSeconds;
    }

    public int status() {
        return status;
    }

    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** A view of the body of its own (position 0, limit its length). */
    public ByteBuffer body() {
        return body.duplicate();
    }

    public int length() {
        return body.capacity();
    }

    public String origin() {
        return origin;
    }

    public String hostHeader() {
        return hostHeader;
    }

    /** RFC 9111 §4.2.3: the age it arrived with plus the time it has been here. */
    public long ageSeconds(long nowMillis) {
        return ageAtStoreSeconds + Math.max(0, nowMillis - storedAtMillis) / 1000;
    }

    /** Seconds of freshness left (0 or less: stale). */
    public long ttlSeconds(long nowMillis) {
        return lifetimeSeconds - ageSeconds(nowMillis);
    }

    /** What the entry costs the cache's bound: its body, and a little for the rest. */
    int weight() {
        int head = 256;
        for (Map.Entry<String, String> h : headers) {
            head += h.getKey().length() + h.getValue().length() + 32;
        }
        return body.capacity() + head;
    }
}
