package dev.originedge.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Tight limits, to show that they hold: two connections per origin ({@code edge.pool.max-connections}), so that
 * a few pinned connections would starve an origin; and an exchange budget ({@code edge.exchange-timeout}) of
 * 2.5 s, shorter than POP ZZQ's two timing-out origins take together (2 s + 1 s).
 */
public class BoundedProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("edge.pool.max-connections", "2", "edge.exchange-timeout", "2500ms");
    }
}
