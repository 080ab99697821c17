package dev.originedge.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.originedge.config.EdgeConfig;
import dev.originedge.pop.PopCatalog;
import dev.originedge.testing.Configs;
import io.quarkus.runtime.configuration.ConfigurationException;

class OriginSelectorTest {

    private static OriginSelector selector(String... extra) {
        Map<String, String> properties = new HashMap<>();
        for (String name : new String[] { "us", "eu", "backup" }) {
            properties.put("edge.origins." + name + ".endpoint", "https://s3." + name + "-1.amazonaws.com");
            properties.put("edge.origins." + name + ".bucket", "bucket-" + name);
        }
        for (int i = 0; i < extra.length; i += 2) {
            properties.put(extra[i], extra[i + 1]);
        }
        EdgeConfig config = Configs.edge(properties);
        return new OriginSelector(config, new Origins(config));
    }

    @Test
    void theCatalogSendsEuropeToEuAndTheRestToUs() {
        OriginSelector selector = selector();
        assertEquals("eu", selector.primary("AMS").name());
        assertEquals("eu", selector.primary("JNB").name());
        assertEquals("us", selector.primary("SJC").name());
        assertEquals("us", selector.primary("SYD").name());
    }

    @Test
    void everyCatalogPopFailsOverToTheOtherRegionThenTheDefault() {
        OriginSelector selector = selector("edge.default-origin", "backup");
        assertEquals(List.of("eu", "us", "backup"), names(selector.select("AMS")));
        assertEquals(List.of("us", "eu", "backup"), names(selector.select("SJC")));
        assertEquals(List.of("backup"), names(selector.select("QQQ")));
    }

    @Test
    void theDefaultOriginMayBeAnOrderedList() {
        OriginSelector selector = selector("edge.default-origin", "backup,us");
        assertEquals(List.of("backup", "us"), names(selector.select("QQQ")));
        assertEquals(List.of("eu", "us", "backup"), names(selector.select("AMS")));
    }

    @Test
    void anOriginNamedTwiceInAListIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> selector("edge.pops.AMS", "eu,eu"));
        assertTrue(e.getMessage().contains("edge.pops.AMS"), e.getMessage());
    }

    private static List<String> names(List<Origin> origins) {
        return origins.stream().map(Origin::name).toList();
    }

    @Test
    void anUnknownPopGoesToTheDefaultOrigin() {
        assertEquals("us", selector().primary("QQQ").name());
        assertEquals("backup", selector("edge.default-origin", "backup").primary("QQQ").name());
    }

    @Test
    void overridesReplaceCatalogEntriesAndAddNewPopsWithFallbacksInOrder() {
        OriginSelector selector = selector("edge.pops.AMS", "us,backup", "edge.pops.XYZ", "eu");
        assertEquals(List.of("us", "backup"), selector.select("AMS").stream().map(Origin::name).toList());
        assertEquals("eu", selector.primary("XYZ").name());
        assertEquals("eu", selector.primary("LHR").name());
    }

    @Test
    void anOverrideNamingAMissingOriginStopsTheStartNamingIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> selector("edge.pops.AMS", "eu,nowhere"));
        assertTrue(e.getMessage().contains("edge.pops.AMS") && e.getMessage().contains("'nowhere'"), e.getMessage());
    }

    @Test
    void aMissingDefaultOriginStopsTheStartNamingIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> selector("edge.default-origin", "mars"));
        assertTrue(e.getMessage().contains("edge.default-origin") && e.getMessage().contains("'mars'"),
                e.getMessage());
    }

    @Test
    void anOverrideKeyThatIsNotAPopCodeIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> selector("edge.pops.AMSTERDAM", "eu"));
        assertTrue(e.getMessage().contains("edge.pops.AMSTERDAM"), e.getMessage());
    }

    @Test
    void aSingleBucketDeploymentServesEveryPopFromIt() {
        EdgeConfig config = Configs.edge(Map.of("edge.origins.us.endpoint", "https://s3.amazonaws.com",
                "edge.origins.us.bucket", "only"));
        OriginSelector selector = new OriginSelector(config, new Origins(config));
        for (String pop : PopCatalog.bundled().keySet()) {
            assertEquals("us", selector.primary(pop).name(), pop);
        }
    }
}
