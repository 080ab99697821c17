package dev.originedge.telemetry;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OperationsTest}, black-box against the packaged artifact (the jar, or the native binary). */
@QuarkusIntegrationTest
class OperationsIT extends OperationsTest {
}
