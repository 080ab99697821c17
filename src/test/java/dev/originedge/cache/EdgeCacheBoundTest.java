package dev.originedge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.Configs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The cache holds at most edge.cache.max-size of bodies, however much is put in. */
class EdgeCacheBoundTest {

    private static final Map<String, String> ORIGIN = Map.of("edge.origins.us.endpoint", "http://127.0.0.1:1",
            "edge.origins.us.bucket", "b");

    private static CacheEntry entry(int size) {
        return new CacheEntry(200, List.of(Map.entry("Content-Type", "text/plain")), ByteBuffer.allocateDirect(size),
                "us", "h", System.currentTimeMillis(), 0, 60);
    }

    @Test
    void aCacheThatChurnsStaysWithinItsSizeAndCountsEvictions() {
        Map<String, String> props = new java.util.HashMap<>(ORIGIN);
        props.put("edge.cache.max-size", "1M");
        props.put("edge.cache.max-object-size", "256K");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EdgeCache cache = new EdgeCache(Configs.edge(props), registry);
        for (int i = 0; i < 200; i++) {
            cache.put("k" + i, entry(100_000)); // 20 MB in all
            cache.cleanUp();
            assertTrue(cache.bytes() <= 1 << 20, "over the bound after " + i + ": " + cache.bytes());
        }
        assertTrue(registry.get("edge.cache.evictions").counter().count() >= 180, "evictions are counted");
        assertEquals(cache.bytes(), registry.get("edge.cache.bytes").gauge().value());
    }

    @Test
    void anEntryReadsBackWhole() {
        EdgeCache cache = new EdgeCache(Configs.edge(ORIGIN), new SimpleMeterRegistry());
        ByteBuffer body = ByteBuffer.allocateDirect(3).put(new byte[] { 1, 2, 3 }).flip();
        cache.put("k", new CacheEntry(200, List.of(), body, "us", "h", System.currentTimeMillis(), 0, 60));
        CacheEntry stored = cache.get("k");
        assertNotNull(stored);
        assertEquals(3, stored.length());
        assertEquals(2, stored.body().get(1));
    }
}
