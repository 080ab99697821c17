package dev.originedge.proxy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RequestHeadDeadlineTest}, black-box against the packaged artifact (the jar, or the native binary). */
@QuarkusIntegrationTest
class RequestHeadDeadlineIT extends RequestHeadDeadlineTest {
}
