package dev.originedge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.originedge.testing.RealOrigins;
import dev.originedge.testing.TestSite;
import dev.originedge.testing.TunedProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** With cleartext HTTP/2 switched on (quarkus.http.http2=true), a body that breaks off is a stream reset. */
@QuarkusTest
@TestProfile(TunedProfile.class)
@QuarkusTestResource(value = RealOrigins.class, restrictToAnnotatedClass = false)
class Http2Test {

    @Test
    void overHttp2ABrokenBodyIsAStreamResetNotAnEnd() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String base = "http://127.0.0.1:" + RestAssured.port;
        HttpResponse<String> whole = h2.send(HttpRequest.newBuilder(URI.create(base + "/hello.txt?pop=ZZV")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, whole.version(), "h2c upgrade");
        assertEquals(TestSite.hello("vh"), whole.body());
        for (String fault : new String[] { "half-length", "half-chunked" }) {
            HttpRequest broken = HttpRequest.newBuilder(URI.create(base + "/" + fault + "?pop=ZZF")).build();
            assertThrows(IOException.class, () -> h2.send(broken, HttpResponse.BodyHandlers.ofByteArray()),
                    fault + ": the stream must be reset, not ended");
        }
    }
}
