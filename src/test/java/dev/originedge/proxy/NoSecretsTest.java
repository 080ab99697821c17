package dev.originedge.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.RealOrigins;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** No response and no log line ever holds a secret, whatever goes wrong. */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class NoSecretsTest {

    /**
     * The app's log (the test profile's log file, which Quarkus also hands to the packaged app in integration
     * tests); RealOrigins deletes it before each app start.
     */
    static final Path LOG = Path.of("target", "quarkus-test.log");

    @Test
    void neitherResponsesNorLogsContainASecret() throws Exception {
        List<Response> responses = new ArrayList<>();
        for (String pop : new String[] { "ZZW", "ZZD", "ZZT", "AMS", "SJC", "ZZV", "XXXX" }) {
            responses.add(given().queryParam("pop", pop).get("/no-such-key"));
            responses.add(given().queryParam("pop", pop).get("/hello.txt"));
        }
        responses.add(given().get("/../private/secret.txt"));
        responses.add(given().post("/hello.txt"));
        responses.add(given().get("/q/health/ready"));
        for (Response response : responses) {
            String all = response.getHeaders().toString() + "\n" + response.asString();
            for (String secret : RealOrigins.SECRETS) {
                assertFalse(all.contains(secret), "response leaks a secret: " + all);
            }
            assertFalse(all.contains("at dev.originedge") || all.contains("Exception"), "stack trace: " + all);
            assertFalse(all.contains("<Error>"), "the origin's error document was passed on: " + all);
        }

        String log = Files.readString(LOG);
        assertTrue(log.contains("Origin down is unreachable"), "the failures were logged");
        for (String secret : RealOrigins.SECRETS) {
            assertFalse(log.contains(secret), "the log leaks a secret");
        }
    }
}
