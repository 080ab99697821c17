package dev.originedge.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.Configs;

class LatencyRankingTest {

    private final Origins origins = origins();
    private final Origin near = origins.byName("near").orElseThrow();
    private final Origin far = origins.byName("far").orElseThrow();
    private final List<Origin> preference = List.of(near, far);
    private double nextRandom = 0.5;
    private final LatencyRanking ranking = new LatencyRanking(true, 0.1, () -> nextRandom);

    private static Origins origins() {
        Map<String, String> p = new HashMap<>();
        for (String name : new String[] { "near", "far" }) {
            p.put("edge.origins." + name + ".endpoint", "https://s3." + name + ".example.com");
            p.put("edge.origins." + name + ".bucket", "b");
        }
        return new Origins(Configs.edge(p));
    }

    private void samples(Origin origin, double millis, int count) {
        for (int i = 0; i < count; i++) {
            ranking.record(origin, (long) (millis * 1_000_000));
        }
    }

    @Test
    void thePopMapOrderHoldsUntilAnotherOriginIsClearlyFaster() {
        assertEquals(preference, ranking.order(preference), "no figures yet: the POP map");
        samples(near, 20, 10);
        samples(far, 15, 10);
        assertEquals(preference, ranking.order(preference), "25% faster is not clearly faster");
        samples(near, 80, 20);
        assertEquals(List.of(far, near), ranking.order(preference), "now far is clearly faster");
    }

    @Test
    void itReturnsToTheNearestOriginOnceThatIsAboutAsFastAgainNotBefore() {
        samples(near, 100, 20);
        samples(far, 10, 20);
        assertEquals(List.of(far, near), ranking.order(preference));
        samples(near, 14, 20); // near ~14 ms, far 10 ms: better, but not as fast as far yet
        assertEquals(List.of(far, near), ranking.order(preference), "hysteresis: stays on far");
        samples(near, 10, 20);
        assertEquals(preference, ranking.order(preference), "as fast again: back to the nearest");
    }

    @Test
    void aFewColdSamplesDoNotMoveTraffic() {
        samples(far, 3, 10);
        samples(near, 200, 4); // a cold start: below the samples a figure needs
        assertEquals(preference, ranking.order(preference));
    }

    @Test
    void aSmallShareOfRequestsGoesToAnotherOriginFirst() {
        nextRandom = 0.05; // below the 10% exploration share
        assertEquals(List.of(far, near), ranking.order(preference));
        nextRandom = 0.5;
        assertEquals(preference, ranking.order(preference));
    }

    @Test
    void withThePopMapSelectionNothingIsReordered() {
        LatencyRanking off = new LatencyRanking(false, 0.5, () -> 0.0);
        off.record(near, 500_000_000);
        assertEquals(preference, off.order(preference));
    }
}
