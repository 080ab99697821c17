package dev.originedge.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;

import dev.originedge.config.EdgeConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The stored answers, bounded by the bytes they hold ({@code edge.cache.max-size}; Caffeine evicts by its
 * frequency and recency sketch, so one large cold object cannot push out the hot set), and the fills under way:
 * a miss for a key that another request is already fetching waits for that fill instead of asking the origin
 * again ({@link #join}).
 */
@ApplicationScoped
// Caffeine picks a generated class by the builder's options (strong keys and values, a removal Listener, Maximum
// Weight: SSLMW; its node PSMW) and creates it reflectively: the native image must keep those two.
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSLMW",
        "com.github.benmanes.caffeine.cache.PSMW" })
public class EdgeCache {

    private final boolean enabled;
    private final long maxObjectSize;
    private final Cache<String, CacheEntry> entries;
    private final Map<String, List<Runnable>> fills = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final Counter evictions;
    private final Map<String, Counter> results = new ConcurrentHashMap<>();

    @Inject
    public EdgeCache(EdgeConfig config, MeterRegistry registry) {
        EdgeConfig.CacheConfig cache = config.cache();
        this.enabled = cache.enabled();
        this.maxObjectSize = cache.maxObjectSize().asLongValue();
        for (String result : new String[] { "HIT", "MISS", "STORED", "COLLAPSED", "BYPASS" }) {
            results.put(result, Counter.builder("edge.cache.requests").tag("result", result.toLowerCase(java.util.Locale.ROOT))
                    .description("Requests by what the edge cache made of them").register(registry));
        }
        this.evictions = Counter.builder("edge.cache.evictions").description("Entries evicted to stay within "
                + "edge.cache.max-size").register(registry);
        this.entries = Caffeine.newBuilder()
                .maximumWeight(cache.maxSize().asLongValue())
                .weigher((String key, CacheEntry entry) -> entry.weight())
                .removalListener((String key, CacheEntry entry, RemovalCause cause) -> {
                    if (entry != null) {
                        bytes.addAndGet(-entry.length());
                    }
                    if (cause == RemovalCause.SIZE) {
                        evictions.increment();
                    }
                })
                .executor(Runnable::run) // removal bookkeeping inline: no ForkJoinPool thread for a few counters
                .build();
        Gauge.builder("edge.cache.bytes", bytes, AtomicLong::get).description("Body bytes stored")
                .register(registry);
        Gauge.builder("edge.cache.entries", entries, c -> c.estimatedSize()).description("Entries stored")
                .register(registry);
    }

    /** One request's result: HIT, MISS, STORED, COLLAPSED or BYPASS. */
    public void count(String result) {
        Counter counter = results.get(result);
        if (counter != null) {
            counter.increment();
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public long maxObjectSize() {
        return maxObjectSize;
    }

    public CacheEntry get(String key) {
        return entries.getIfPresent(key);
    }

    public void put(String key, CacheEntry entry) {
        bytes.addAndGet(entry.length());
        entries.put(key, entry);
    }

    /** Body bytes stored. */
    public long bytes() {
        return bytes.get();
    }

    /** Pending eviction work done now (tests). */
    void cleanUp() {
        entries.cleanUp();
    }

    public void remove(String key) {
        entries.invalidate(key);
    }

    /**
     * Becomes the fill for {@code key} (true), or, when another request fills it already, queues
     * {@code whenDone} to run once that fill ended, stored or not (false).
     */
    public boolean join(String key, Runnable whenDone) {
        boolean[] leader = { false };
        fills.compute(key, (k, waiting) -> {
            if (waiting == null) {
                leader[0] = true;
                return new ArrayList<>();
            }
            waiting.add(whenDone);
            return waiting;
        });
        return leader[0];
    }

    /** The fill for {@code key} ended: whoever waited looks again (a hit, or a fetch of its own). */
    public void filled(String key) {
        List<Runnable> waiting = fills.remove(key);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    /** The cache key: the ordered origin list, the object as sent, and the query where it is sent too. */
    public static String key(List<String> origins, String objectKey, String query) {
        StringBuilder b = new StringBuilder();
        for (String origin : origins) {
            b.append(origin).append(',');
        }
        b.append(' ').append(objectKey);
        if (query != null) {
            b.append('?').append(query);
        }
        return b.toString();
    }
}
