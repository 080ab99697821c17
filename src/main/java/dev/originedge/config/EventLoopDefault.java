package dev.originedge.config;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * One Vert.x event loop per CPU instead of Quarkus' default of two: every request is one client connection and
 * one origin connection on the same loop, never blocked, so a second loop per CPU only adds thread switches.
 * Measured on one pinned CPU (bench/throughput): 1 KiB GETs went from 12.8k to 19.9k req/s and p99 from 8.3 to
 * 2.5 ms. The lowest ordinal there is: {@code quarkus.vertx.event-loops-pool-size} set anywhere else wins.
 */
public class EventLoopDefault implements ConfigSource {

    static final String PROPERTY = "quarkus.vertx.event-loops-pool-size";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, getValue(PROPERTY));
    }

    @Override
    public String getValue(String propertyName) {
        // Read when asked, at run time: the CPUs of the machine (or the container's quota) the app runs on.
        return PROPERTY.equals(propertyName) ? Integer.toString(Runtime.getRuntime().availableProcessors()) : null;
    }

    @Override
    public int getOrdinal() {
        return 1;
    }

    @Override
    public String getName() {
        return "origin-edge event loops (one per CPU)";
    }
}
