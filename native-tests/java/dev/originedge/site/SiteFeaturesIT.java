package dev.originedge.site;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link SiteFeaturesTest} (its profile's settings passed to the app on its command line), black-box against the
 * packaged artifact (the jar, or the native binary with -Dnative).
 */
@QuarkusIntegrationTest
class SiteFeaturesIT extends SiteFeaturesTest {
}
