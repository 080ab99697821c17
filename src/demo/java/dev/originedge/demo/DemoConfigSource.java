package dev.originedge.demo;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The demo's origins (two buckets, one web app) and static-site settings as configuration, registered only in
 * demo builds (src/demo/resources, through DemoConfigSourceProvider). A low ordinal: anything the user sets
 * (application.properties, -D, environment) still wins.
 */
public class DemoConfigSource implements ConfigSource {

    private static final Map<String, String> CONFIG = config();

    private static Map<String, String> config() {
        Map<String, String> config = new java.util.LinkedHashMap<>(DemoSite.config(DemoSite.US_PORT, DemoSite.EU_PORT));
        config.putAll(DemoSite.siteConfig());
        config.putAll(DemoWebApp.config(DemoWebApp.PORT));
        config.put("edge.pop.query-param-enabled", "true"); // the demo's hints choose the region with ?pop=AMS
        return Map.copyOf(config);
    }

    @Override
    public Map<String, String> getProperties() {
        return CONFIG;
    }

    @Override
    public Set<String> getPropertyNames() {
        return CONFIG.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return CONFIG.get(propertyName);
    }

    @Override
    public String getName() {
        return "origin-edge-demo";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
