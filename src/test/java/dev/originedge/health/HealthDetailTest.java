package dev.originedge.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TunedProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With edge.health.show-hosts=true (for a health endpoint the public cannot reach) readiness names hosts. */
@QuarkusTest
@TestProfile(TunedProfile.class)
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class HealthDetailTest {

    @Test
    void readinessNamesEachOriginsHostWhenAskedTo() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'origins' }.data.'hosts.vh'", equalTo("vhsite." + RealOrigins.VH_HOST))
                .body("checks.find { it.name == 'origins' }.data.'origins.vh'", equalTo("healthy"));
    }
}
