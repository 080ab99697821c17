package dev.originedge.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HealthTest}, black-box against the packaged artifact (the jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
