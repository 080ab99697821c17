package dev.originedge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.originedge.cache.CacheStatus.Forward;

class CacheStatusTest {

    @Test
    void theValuesIssue16Names() {
        assertEquals("OriginEdge; hit; ttl=42", CacheStatus.hit(42));
        assertEquals("OriginEdge; fwd=uri-miss", CacheStatus.miss());
        assertEquals("OriginEdge; fwd=uri-miss; stored", CacheStatus.stored());
        assertEquals("OriginEdge; fwd=uri-miss; collapsed", CacheStatus.collapsed());
        assertEquals("OriginEdge; fwd=stale; fwd-status=304", CacheStatus.revalidated(304, false));
        assertEquals("OriginEdge; fwd=bypass", CacheStatus.bypass());
    }

    @Test
    void aRevalidationThatGotANewAnswer() {
        assertEquals("OriginEdge; fwd=stale; fwd-status=200; stored", CacheStatus.revalidated(200, true));
        assertEquals("OriginEdge; fwd=stale; fwd-status=200", CacheStatus.revalidated(200, false));
    }

    @Test
    void ttlMayBeNegativeAndStaysAStructuredFieldInteger() {
        assertEquals("OriginEdge; hit; ttl=0", CacheStatus.hit(0));
        assertEquals("OriginEdge; hit; ttl=-5", CacheStatus.hit(-5));
        assertEquals("OriginEdge; hit; ttl=999999999999999", CacheStatus.hit(Long.MAX_VALUE));
        assertEquals("OriginEdge; hit; ttl=-999999999999999", CacheStatus.hit(Long.MIN_VALUE));
    }

    @Test
    void anyCombination() {
        assertEquals("OriginEdge; fwd=vary-miss; fwd-status=200; stored",
                CacheStatus.forwarded(Forward.VARY_MISS, 200, true, false, null));
        assertEquals("OriginEdge; fwd=uri-miss; fwd-status=200; detail=set-cookie",
                CacheStatus.forwarded(Forward.URI_MISS, 200, false, false, Storability.Reason.SET_COOKIE.tag()));
        assertEquals("OriginEdge; fwd=method", CacheStatus.forwarded(Forward.METHOD, 0, false, false, null));
    }

    @Test
    void aDetailThatIsNoTokenIsLeftOut() {
        assertEquals("OriginEdge; fwd=miss", CacheStatus.forwarded(Forward.MISS, -1, false, false, "a b"));
        assertEquals("OriginEdge; fwd=miss", CacheStatus.forwarded(Forward.MISS, 0, false, false, "1abc"));
        assertEquals("OriginEdge; fwd=miss", CacheStatus.forwarded(Forward.MISS, 0, false, false, ""));
        assertEquals("OriginEdge; fwd=miss", CacheStatus.forwarded(Forward.MISS, 0, false, false, "x\r\nSet-Cookie: a"));
    }

    @Test
    void everyForwardTokenIsRfc9211s() {
        StringBuilder all = new StringBuilder();
        for (Forward f : Forward.values()) {
            all.append(f.token()).append(' ');
        }
        assertEquals("bypass method uri-miss vary-miss miss request stale partial ", all.toString());
    }
}
