package dev.originedge.proxy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link Http2Test}, black-box against the packaged artifact (the jar, or the native binary). */
@QuarkusIntegrationTest
class Http2IT extends Http2Test {
}
