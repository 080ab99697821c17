package dev.originedge.demo;

import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

/**
 * Registers {@link DemoConfigSource} in demo builds. A provider rather than a ConfigSource service file: the
 * product has its own {@code META-INF/services/...ConfigSource} (config.EventLoopDefault), and two files of one
 * name on the demo's classpath would hide one another.
 */
public class DemoConfigSourceProvider implements ConfigSourceProvider {

    @Override
    public Iterable<ConfigSource> getConfigSources(ClassLoader forClassLoader) {
        return List.of(new DemoConfigSource());
    }
}
