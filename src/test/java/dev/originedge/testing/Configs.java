package dev.originedge.testing;

import java.time.Duration;
import java.util.Map;

import dev.originedge.config.EdgeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Builds the real {@link EdgeConfig} mapping from properties and environment variables, without Quarkus. */
public final class Configs {

    private Configs() {
    }

    public static EdgeConfig edge(Map<String, String> properties) {
        return edge(properties, Map.of());
    }

    public static EdgeConfig edge(Map<String, String> properties, Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withSources(new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withMapping(EdgeConfig.class)
                .build();
        return config.getConfigMapping(EdgeConfig.class);
    }
}
