package dev.originedge.proxy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link NoSecretsTest}, black-box against the packaged artifact (the jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class NoSecretsIT extends NoSecretsTest {
}
