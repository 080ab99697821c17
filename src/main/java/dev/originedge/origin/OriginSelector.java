package dev.originedge.origin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import dev.originedge.pop.PopCatalog;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Maps a POP to its origins, nearest first: {@code edge.pops.<POP>} overrides, else the bundled catalog's
 * group, else {@code edge.default-origin}. Built and validated once, at start-up.
 */
@Startup
@ApplicationScoped
public class OriginSelector {

    private static final Logger LOG = Logger.getLogger(OriginSelector.class);

    private final Map<String, List<Origin>> byPop;
    private final List<Origin> defaultOrigins;

    @Inject
    public OriginSelector(EdgeConfig config, Origins origins) {
        this(PopCatalog.bundled(), config.pops(), config.defaultOrigin(), origins);
    }

    public OriginSelector(Map<String, String> catalog, Map<String, List<String>> overrides, String defaultOrigin,
            Origins origins) {
        this.defaultOrigins = List.of(origins.byName(defaultOrigin.strip()).orElseThrow(() -> new ConfigurationException(
                "edge.default-origin is '" + defaultOrigin + "' but no origin of that name is configured; configured: "
                        + origins.all().keySet())));

        Map<String, List<Origin>> map = new HashMap<>();
        Map<String, Integer> unmatchedGroups = new TreeMap<>();
        catalog.forEach((pop, group) -> origins.byName(group).ifPresentOrElse(
                origin -> map.put(pop, List.of(origin)),
                () -> unmatchedGroups.merge(group, 1, Integer::sum)));
        // A catalog group without an origin of that name is not an error: a single-bucket deployment is valid.
        unmatchedGroups.forEach((group, count) -> LOG.infof(
                "No origin named '%s': its %d catalog POPs use edge.default-origin '%s'", group, count, defaultOrigin));

        overrides.forEach((pop, names) -> {
            String property = "edge.pops." + pop;
            if (!dev.originedge.pop.PopResolver.isPopCode(pop)) {
                throw new ConfigurationException(property + ": '" + pop + "' is not a 3-letter POP code");
            }
            List<Origin> chain = new ArrayList<>();
            for (String name : names) {
                chain.add(origins.byName(name.strip()).orElseThrow(() -> new ConfigurationException(
                        property + " names origin '" + name.strip() + "' but no origin of that name is configured; "
                                + "configured: " + origins.all().keySet())));
            }
            if (chain.isEmpty()) {
                throw new ConfigurationException(property + " must name at least one origin");
            }
            map.put(pop.toUpperCase(Locale.ROOT), List.copyOf(chain));
        });
        this.byPop = Collections.unmodifiableMap(map);
    }

    /** The origins for a POP, nearest first; never empty. */
    public List<Origin> select(String pop) {
        return byPop.getOrDefault(pop, defaultOrigins);
    }

    /** The origin a POP is served from today (failover to the rest of {@link #select} comes later). */
    public Origin primary(String pop) {
        return select(pop).get(0);
    }
}
