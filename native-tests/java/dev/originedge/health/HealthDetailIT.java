package dev.originedge.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HealthDetailTest}, black-box against the packaged artifact (the jar, or the native binary). */
@QuarkusIntegrationTest
class HealthDetailIT extends HealthDetailTest {
}
