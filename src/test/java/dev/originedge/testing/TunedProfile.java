package dev.originedge.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The second app configuration of the suite (each one costs an app restart): {@code edge.selection=fastest}
 * with a large exploration share, so that a test needs few requests to see traffic move; a long
 * {@code edge.idle-timeout}: a slow reader's progress shows only as the megabytes of kernel socket buffer
 * between it and the proxy drain, which at 80 KB/s takes longer than the default suite's 2 s; the product's
 * default {@code edge.origin-timeout} (10 s) instead of the suite's 2 s, because the fault origin's first bytes to
 * 300 readers at once (300 threads writing 64 MiB each, on a 2-core machine) can take longer; and cleartext
 * HTTP/2 and readiness' host names switched on (both off by default); and index documents switched off
 * ({@code edge.site.index-document} empty), so that a path ending in {@code /} never reaches a bucket.
 * <p>
 * The two timeouts are given twice: a packaged app under test (the {@code *IT} suite, profile {@code prod}) gets
 * this profile's settings and RealOrigins' as system properties alike, and RealOrigins' won; the
 * {@code %prod.}-prefixed name wins over the plain one whatever its source.
 */
public class TunedProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("edge.selection", "fastest", "edge.fastest.explore-ratio", "0.2", "edge.idle-timeout", "60s",
                "quarkus.http.http2", "true", "edge.health.show-hosts", "true", "edge.site.index-document", "",
                "edge.origin-timeout", "10s", "%prod.edge.idle-timeout", "60s", "%prod.edge.origin-timeout", "10s");
    }
}
