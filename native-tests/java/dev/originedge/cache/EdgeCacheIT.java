package dev.originedge.cache;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link EdgeCacheTest}, black-box against the packaged artifact (the jar, or the native binary). */
@QuarkusIntegrationTest
class EdgeCacheIT extends EdgeCacheTest {
}
