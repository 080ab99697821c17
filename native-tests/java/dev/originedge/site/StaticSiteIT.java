package dev.originedge.site;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link StaticSiteTest}, black-box against the packaged artifact (the jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class StaticSiteIT extends StaticSiteTest {
}
