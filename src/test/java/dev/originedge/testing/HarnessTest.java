package dev.originedge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The suite's guards against a hang, checked where they are the most easily lost: in a {@code @QuarkusTest}
 * (and, as HarnessIT, against the packaged app). A test that blocks fails after JUnit's default timeout
 * (src/test/resources/junit-platform.properties, which must stay the first of its name on the class path), in
 * a thread of its own that is abandoned then; RestAssured gives up on a silent connection.
 */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class HarnessTest {

    @Test
    void everyTestRunsInAThreadThatJUnitsDefaultTimeoutAbandons() {
        assertTrue(Thread.currentThread().getName().startsWith("junit-timeout-thread"),
                "junit.jupiter.execution.timeout.default with thread mode SEPARATE_THREAD is not in effect: the "
                        + "test runs in " + Thread.currentThread().getName());
    }

    @Test
    void restAssuredHasConnectAndSocketTimeouts() {
        Map<String, ?> params = RestAssured.config().getHttpClientConfig().params();
        int expected = (int) Timeouts.READ.toMillis();
        assertEquals(expected, params.get("http.connection.timeout"), "connect timeout: " + params);
        assertEquals(expected, params.get("http.socket.timeout"), "socket (read) timeout: " + params);
    }
}
