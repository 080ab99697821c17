package dev.originedge.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.originedge.config.EdgeConfig;
import dev.originedge.testing.Configs;

class OriginHealthTest {

    private final MutableClock clock = new MutableClock();
    private final Origins origins = origins();
    private final Origin us = origins.byName("us").orElseThrow();
    private final Origin eu = origins.byName("eu").orElseThrow();
    private final OriginHealth health = new OriginHealth(Configs.edge(properties()).health(), origins, clock);

    private static Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        for (String name : new String[] { "us", "eu" }) {
            p.put("edge.origins." + name + ".endpoint", "https://s3." + name + "-west-1.amazonaws.com");
            p.put("edge.origins." + name + ".bucket", "b");
        }
        p.put("edge.health.ejection-time", "30s");
        p.put("edge.health.max-ejection-time", "100s");
        return p;
    }

    private static Origins origins() {
        EdgeConfig config = Configs.edge(properties());
        return new Origins(config);
    }

    @Test
    void threeFailuresInARowEjectAnOriginForTheEjectionTime() {
        health.failed(us);
        health.failed(us);
        assertFalse(health.ejected(us));
        health.failed(us);
        assertTrue(health.ejected(us));
        assertEquals(List.of(eu, us), health.usableFirst(List.of(us, eu)));
        clock.advance(Duration.ofSeconds(31));
        assertFalse(health.ejected(us));
        assertEquals(List.of(us, eu), health.usableFirst(List.of(us, eu)));
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        health.failed(us);
        health.failed(us);
        health.succeeded(us);
        health.failed(us);
        health.failed(us);
        assertFalse(health.ejected(us));
    }

    @Test
    void anOriginThatFailsRightAfterItsEjectionIsEjectedTwiceAsLongUpToTheCap() {
        for (int i = 0; i < 3; i++) {
            health.failed(us);
        }
        clock.advance(Duration.ofSeconds(31)); // the first ejection (30 s) is over
        for (long seconds : new long[] { 60, 100, 100 }) {
            health.failed(us); // one failure is enough right after an ejection
            clock.advance(Duration.ofSeconds(seconds - 1));
            assertTrue(health.ejected(us), "still ejected just before " + seconds + " s");
            clock.advance(Duration.ofSeconds(2));
            assertFalse(health.ejected(us), "back after " + seconds + " s");
        }
        health.succeeded(us);
        health.failed(us);
        assertFalse(health.ejected(us), "a success ends the probation: three failures again");
    }

    @Test
    void readinessNeedsOneUsableOriginAndReportsEachState() {
        for (int i = 0; i < 3; i++) {
            health.failed(us);
        }
        assertTrue(health.anyUsable());
        assertTrue(health.states().get("us").startsWith("ejected until "));
        assertEquals("healthy", health.states().get("eu"));
        for (int i = 0; i < 3; i++) {
            health.failed(eu);
        }
        assertFalse(health.anyUsable());
        assertEquals(List.of(us, eu), health.usableFirst(List.of(us, eu)), "all ejected: tried anyway, in order");
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
