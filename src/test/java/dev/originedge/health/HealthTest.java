package dev.originedge.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.RealOrigins;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class HealthTest {

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessReportsEachOriginsStateWithoutSecretsOrHosts() {
        String body = given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'origins' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'origins' }.data.pop", equalTo("SJC"))
                .body("checks.find { it.name == 'origins' }.data.origin", equalTo("us"))
                .body("checks.find { it.name == 'origins' }.data.'origins.vh'", equalTo("healthy"))
                .body("checks.find { it.name == 'origins' }.data.'any-origin-usable'", equalTo(true))
                .extract().asString();
        RealOrigins.SECRETS.forEach(secret -> assertFalse(body.contains(secret)));
        assertFalse(body.contains(RealOrigins.VH_HOST), "bucket hosts are not for every visitor: " + body);
    }

    @Test
    void anOriginThatKeepsFailingIsReportedEjectedWhileReadinessStaysUp() {
        // (Readiness stays UP even when every origin is ejected: OriginsReadinessTest.)
        for (int i = 0; i < 3; i++) {
            given().queryParam("pop", "ZZD").get("/hello.txt").then().statusCode(502);
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'origins' }.data.'origins.down'", startsWith("ejected until "))
                .body("checks.find { it.name == 'origins' }.data.'origins.eu'", equalTo("healthy"));
    }

    @Test
    void healthIsNotShadowedByTheCatchAllProxy() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
