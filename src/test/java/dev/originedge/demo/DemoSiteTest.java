package dev.originedge.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.originedge.config.EdgeConfig;
import dev.originedge.site.CachePolicy;
import dev.originedge.site.ErrorPages;
import dev.originedge.site.HeaderPolicy;
import dev.originedge.site.SiteRules;
import dev.originedge.testing.Configs;

/** The demo's static-site settings start, and everything they and the printed hints name is in the demo site. */
class DemoSiteTest {

    @Test
    void theDemoSettingsAreValidAndNameObjectsTheSiteHas() {
        Map<String, String> properties = new HashMap<>(DemoSite.config(DemoSite.US_PORT, DemoSite.EU_PORT));
        properties.putAll(DemoSite.siteConfig());
        EdgeConfig config = Configs.edge(properties);
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
}
