package dev.originedge.origin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import dev.originedge.pop.PopCatalog;
import dev.originedge.pop.PopResolver;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Maps a POP to its origins in order of preference, the nearest first and the rest as failover:
 * {@code edge.pops.<POP>} as written, else the catalog's group for the POP followed by the catalog's other
 * groups (so an EU POP gets {@code eu,us} and any other {@code us,eu}), then {@code edge.default-origin};
 * only configured origins count. Built and validated once, at start-up.
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

    public OriginSelector(Map<String, String> catalog, Map<String, List<String>> overrides,
            List<String> defaultOrigin, Origins origins) {
        this.defaultOrigins = chain("edge.default-origin", defaultOrigin, origins);

        // The catalog's groups in their order of appearance; each POP prefers its own, then the others.
        Set<String> groups = new LinkedHashSet<>(catalog.values());
        Map<String, List<Origin>> byGroup = new HashMap<>();
        Map<String, Integer> unmatchedGroups = new TreeMap<>();
        for (String group : groups) {
            Set<Origin> preference = new LinkedHashSet<>();
            origins.byName(group).ifPresentOrElse(preference::add,
                    () -> unmatchedGroups.put(group, Collections.frequency(catalog.values(), group)));
            groups.forEach(other -> origins.byName(other).ifPresent(preference::add));
            preference.addAll(defaultOrigins);
            byGroup.put(group, List.copyOf(preference));
        }
        // A catalog group without an origin of that name is not an error: a single-bucket deployment is valid.
        unmatchedGroups.forEach((group, count) -> LOG.infof(
                "No origin named '%s': its %d catalog POPs use the other catalog origins, then edge.default-origin %s",
                group, count, defaultOrigin));

        Map<String, List<Origin>> map = new HashMap<>();
        catalog.forEach((pop, group) -> map.put(pop, byGroup.get(group)));
        overrides.forEach((pop, names) -> {
            if (!PopResolver.isPopCode(pop)) {
                throw new ConfigurationException("edge.pops." + pop + ": '" + pop + "' is not a 3-letter POP code");
            }
            map.put(pop.toUpperCase(Locale.ROOT), chain("edge.pops." + pop, names, origins));
        });
        this.byPop = Collections.unmodifiableMap(map);
    }

    /** The origins for a POP in order of preference; never empty. */
    public List<Origin> select(String pop) {
        return byPop.getOrDefault(pop, defaultOrigins);
    }

    /** The origin a POP prefers when every origin is healthy. */
    public Origin primary(String pop) {
        return select(pop).get(0);
    }

    /** Number of POPs with their own entry (catalog and overrides). */
    public int size() {
        return byPop.size();
    }

    private static List<Origin> chain(String property, List<String> names, Origins origins) {
        List<Origin> chain = new ArrayList<>();
        for (String name : names) {
            Origin origin = origins.byName(name.strip()).orElseThrow(() -> new ConfigurationException(
                    property + " names origin '" + name.strip() + "' but no origin of that name is configured; "
                            + "configured: " + origins.all().keySet()));
            if (chain.contains(origin)) {
                throw new ConfigurationException(property + " names origin '" + name.strip() + "' twice");
            }
            chain.add(origin);
        }
        if (chain.isEmpty()) {
            throw new ConfigurationException(property + " must name at least one origin");
        }
        return List.copyOf(chain);
    }
}
