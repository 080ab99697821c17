package dev.originedge.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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
    void readinessReportsTheValidatedConfigurationWithoutSecrets() {
        String body = given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'configuration' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'configuration' }.data.pop", equalTo("SJC"))
                .body("checks.find { it.name == 'configuration' }.data.origin", equalTo("us"))
                .body("checks.find { it.name == 'configuration' }.data.'origins.vh'",
                        equalTo("vhsite." + RealOrigins.VH_HOST))
                .extract().asString();
        RealOrigins.SECRETS.forEach(secret -> assertFalse(body.contains(secret)));
    }

    @Test
    void healthIsNotShadowedByTheCatchAllProxy() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
