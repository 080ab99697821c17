package dev.originedge.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import dev.originedge.config.EdgeConfig;
import dev.originedge.origin.OriginHealth;
import dev.originedge.origin.OriginSelector;
import dev.originedge.origin.Origins;
import dev.originedge.pop.PopResolver;
import dev.originedge.testing.Configs;

/**
 * Readiness is about the instance, not the origins: when one shared outage ejects every origin, every pod would
 * otherwise leave the Knative service at once, and nothing would be left to serve the error pages or to notice
 * the recovery. The origins' states stay in the check's data.
 */
class OriginsReadinessTest {

    private final EdgeConfig config = Configs.edge(Map.of(
            "edge.origins.us.endpoint", "http://127.0.0.1:9001", "edge.origins.us.bucket", "b",
            "edge.origins.eu.endpoint", "http://127.0.0.1:9002", "edge.origins.eu.bucket", "b"));
    private final Origins origins = new Origins(config);
    private final OriginHealth health = new OriginHealth(config.health(), origins,
            Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

    private HealthCheckResponse ready() {
        OriginsReadiness check = new OriginsReadiness();
        check.health = health;
        check.origins = origins;
        check.config = config;
        check.pops = new PopResolver(config.pop(), Map.of());
        check.selector = new OriginSelector(config, origins);
        return check.call();
    }

    @Test
    void everyOriginEjectedKeepsTheInstanceReadyAndSaysSoInTheData() {
        origins.all().values().forEach(origin -> {
            for (int i = 0; i < config.health().consecutiveFailures(); i++) {
                health.failed(origin);
            }
        });
        assertFalse(health.anyUsable(), "the premise: every origin is ejected");

        HealthCheckResponse response = ready();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        Map<String, Object> data = response.getData().orElseThrow();
        assertTrue(data.get("origins.us").toString().startsWith("ejected until 2030-01-01T00:00:30Z"), data.toString());
        assertTrue(data.get("origins.eu").toString().startsWith("ejected until "), data.toString());
        assertEquals(false, data.get("any-origin-usable"));
        assertEquals("SJC", data.get("pop"));
        assertEquals("us", data.get("origin"));
    }

    @Test
    void healthyOriginsAreReportedSo() {
        HealthCheckResponse response = ready();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("healthy", response.getData().orElseThrow().get("origins.eu"));
        assertEquals(true, response.getData().orElseThrow().get("any-origin-usable"));
    }
}
