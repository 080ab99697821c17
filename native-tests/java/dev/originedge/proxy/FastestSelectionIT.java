package dev.originedge.proxy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link FastestSelectionTest}, black-box against the packaged artifact (the jar, or the native binary). */
@QuarkusIntegrationTest
class FastestSelectionIT extends FastestSelectionTest {
}
