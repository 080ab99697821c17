package dev.originedge.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.originedge.config.EdgeConfig;
import dev.originedge.edgeauth.EdgeAuthVerifier;
import dev.originedge.origin.OriginAccess;
import dev.originedge.origin.Origins;
import dev.originedge.response.CachePolicy;
import dev.originedge.site.ErrorPages;
import dev.originedge.response.HeaderPolicy;
import dev.originedge.site.SiteRules;
import dev.originedge.testing.Configs;

/**
 * The demo's settings start, everything they and the printed hints name is in the demo site, and its web app
 * answers only what the edge signed.
 */
class DemoSiteTest {

    @Test
    void theDemoSettingsAreValidAndNameObjectsTheSiteHas() {
        Map<String, String> properties = new HashMap<>(DemoSite.config(DemoSite.US_PORT, DemoSite.EU_PORT));
        properties.putAll(DemoSite.siteConfig());
        properties.putAll(DemoWebApp.config(DemoWebApp.PORT));
        EdgeConfig config = Configs.edge(properties);
        assertTrue(new Origins(config.origins()).byName("web").orElseThrow().access()
                instanceof OriginAccess.EdgeSignature);
        // The demo's hints choose the region with ?pop= (off by default in production).
        assertTrue(new DemoConfigSource().getValue("edge.pop.query-param-enabled").equals("true"));
        SiteRules site = new SiteRules(config);
        ErrorPages pages = new ErrorPages(config);
        new CachePolicy(config);
        new HeaderPolicy(config);
        for (String region : new String[] { "us", "eu" }) {
            Map<String, String> content = DemoSite.pages(region);
            for (String key : new String[] { site.fallbackDocument(), pages.forStatus(404).objectKey(),
                    "docs/" + site.indexDocument(), "docs/guide/" + site.indexDocument(), "assets/app.js",
                    site.indexDocument(), "hello.txt" }) {
                assertTrue(content.containsKey(key), region + " has no " + key);
            }
            assertTrue(!content.containsKey("docs") && !content.containsKey("missing.html")
                    && !content.containsKey("app/settings"), "the hints' redirect, 404 and route must stay missing");
        }
    }

    @Test
    void theDemoWebAppAnswersOnlyWhatTheEdgeSigned() throws Exception {
        try (DemoWebApp app = DemoWebApp.start(0)) {
            int port = app.port();
            HttpClient client = HttpClient.newHttpClient();
            String signed = EdgeAuthVerifier.header(DemoWebApp.SECRET,
                    Instant.now().getEpochSecond(), "WEB");
            var ok = client.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/shop/cart?item=7")).header("edge-auth", signed).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals(
                    "Hello from the web app: /shop/cart?item=7 came through the edge at POP WEB\n", ok.body());
            var direct = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/shop/cart"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, direct.statusCode());
            assertEquals("Not through the edge (edge-auth MISSING)\n", direct.body());
        }
    }
}
