package dev.originedge.origin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link WebOriginPathTest}, black-box against the packaged artifact (the jar, or the native binary). */
@QuarkusIntegrationTest
class WebOriginPathIT extends WebOriginPathTest {
}
