package dev.originedge.origin;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.config.EdgeConfig;
import dev.originedge.config.EdgeConfig.OriginConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/** The configured origins, validated once at start-up; messages name the offending property. */
@ApplicationScoped
public class Origins {

    private final Map<String, Origin> byName;

    @Inject
    public Origins(EdgeConfig config) {
        this(config.origins(), System.getenv());
    }

    public Origins(Map<String, OriginConfig> configured) {
        this(configured, Map.of());
    }

    public Origins(Map<String, OriginConfig> configured, Map<String, String> env) {
        EnvOriginNames.check(configured.keySet(), env);
        if (configured.isEmpty()) {
            throw new ConfigurationException("No origin is configured: set edge.origins.<name>.endpoint and "
                    + "edge.origins.<name>.bucket, or a provider preset (for example edge.origins.us.provider=b2), "
                    + "or run the demo (see README)");
        }
        Map<String, Origin> origins = new TreeMap<>();
        configured.forEach((name, c) -> origins.put(name, OriginResolver.resolve(name, c)));
        this.byName = Collections.unmodifiableMap(origins);
    }

    public Optional<Origin> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Map<String, Origin> all() {
        return byName;
    }
}
