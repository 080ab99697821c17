package dev.originedge.testing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HarnessTest}, against the packaged artifact (the jar, or the native binary). */
@QuarkusIntegrationTest
class HarnessIT extends HarnessTest {
}
