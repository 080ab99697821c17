package dev.originedge.site;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IndexDocumentOffTest}, black-box against the packaged artifact (the jar, or the native binary). */
@QuarkusIntegrationTest
class IndexDocumentOffIT extends IndexDocumentOffTest {
}
