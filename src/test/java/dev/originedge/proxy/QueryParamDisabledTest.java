package dev.originedge.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Production setting: visitors cannot pick the POP with ?pop=; only the trusted header or the deployment can. */
@QuarkusTest
@TestProfile(QueryParamDisabledTest.Production.class)
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class QueryParamDisabledTest {

    /** The packaged app (profile prod) gets RealOrigins' {@code true} as well: the {@code %prod.} name wins there. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("edge.pop.query-param-enabled", "false", "%prod.edge.pop.query-param-enabled", "false");
        }
    }

    @Test
    void aPopQueryParameterIsIgnored() {
        given().queryParam("pop", "AMS").get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("us")));
    }

    @Test
    void anInvalidPopQueryParameterIsIgnoredToo() {
        given().queryParam("pop", "not-a-pop").get("/hello.txt").then().statusCode(200);
    }

    @Test
    void theTrustedHeaderStillWorks() {
        given().header("X-Edge-Pop", "AMS").get("/hello.txt").then()
                .statusCode(200).body(equalTo(TestSite.hello("eu")));
    }
}
