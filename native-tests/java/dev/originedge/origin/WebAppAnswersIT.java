package dev.originedge.origin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link WebAppAnswersTest}, black-box against the packaged artifact (the jar, or the native binary). */
@QuarkusIntegrationTest
class WebAppAnswersIT extends WebAppAnswersTest {
}
