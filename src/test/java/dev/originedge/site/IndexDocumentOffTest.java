package dev.originedge.site;

import static dev.originedge.site.StaticSiteTest.client;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import dev.originedge.testing.TunedProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@code edge.site.index-document} empty ({@link TunedProfile}): a path ending in / is a 404 the bucket never sees. */
@QuarkusTest
@TestProfile(TunedProfile.class)
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class IndexDocumentOffTest {

    @ParameterizedTest
    @ValueSource(strings = { "/", "/docs/", "/a/b/" })
    void aPathEndingInSlashIsA404WithoutAnyOriginRequest(String path) {
        int before = RealOrigins.faults.requests(); // ZZF: the fault origin counts every request it reads
        client().get(path + "?pop=ZZF").then().statusCode(404).contentType(startsWith("text/plain"))
                .body(equalTo("404 Not Found\n")).header("X-B2-Host", nullValue()).header("Cache-Control", "no-store");
        client().head(path + "?pop=ZZF").then().statusCode(404);
        assertEquals(before, RealOrigins.faults.requests(), "the origin was asked for " + path);
    }

    @Test
    void withoutIndexDocumentsThereIsNoDirectoryRedirect() {
        client().get("/docs").then().statusCode(404).header("Location", nullValue());
    }

    @Test
    void objectsAreServedAsAlways() {
        // ZZP has one origin: this profile's fastest selection sends a share of the others' requests elsewhere.
        client().get("/docs/index.html?pop=ZZP").then().statusCode(200)
                .body(equalTo(TestSite.directoryIndex("public", "docs")));
    }
}
