package dev.originedge.proxy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ClientStallTest}, black-box against the packaged artifact (the jar, or the native binary). */
@QuarkusIntegrationTest
class ClientStallIT extends ClientStallTest {
}
