package dev.originedge.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.LogLines;
import dev.originedge.testing.RealOrigins;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** No response and no log line ever holds a secret, whatever goes wrong. */
@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class NoSecretsTest {

    @Test
    void neitherResponsesNorLogsContainASecret() throws Exception {
        LogLines log = LogLines.mark();
        List<Response> responses = new ArrayList<>();
        // ZZE: an unreachable origin that only this test asks, so that its WARN is this test's own line
        for (String pop : new String[] { "ZZW", "ZZD", "ZZE", "ZZT", "AMS", "SJC", "ZZV", "XXXX" }) {
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

        log.awaitLine("the failures were logged", l -> l.contains("Origin gone is unreachable"));
        String lines = log.textSince();
        for (String secret : RealOrigins.SECRETS) {
            assertFalse(lines.contains(secret), "the log leaks a secret");
        }
    }
}
