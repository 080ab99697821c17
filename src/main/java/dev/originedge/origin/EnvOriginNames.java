package dev.originedge.origin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Environment variables cannot name every origin: {@code EDGE_ORIGINS_US_EAST_ENDPOINT} could mean origin
 * {@code us-east}, {@code us.east} or {@code us_east}, and configuration mapping then silently drops it. An
 * origin the operator believes configured but that does not exist is worse than a refused start, so this
 * names the variables and says how to fix it.
 */
final class EnvOriginNames {

    private static final String PREFIX = "EDGE_ORIGINS_";
    /** Every origin property in environment form, longest first: {@code _EDGE_AUTH_HEADER} before {@code _HEADER}. */
    private static final List<String> SUFFIXES = java.util.stream.Stream.of("_SECRET_ACCESS_KEY", "_ACCESS_KEY_ID",
            "_ADDRESSING", "_CONNECT_TO", "_ENDPOINT", "_BUCKET", "_REGION", "_PROVIDER", "_ACCOUNT", "_DOWNLOAD_HOST",
            "_DOWNLOAD_TOKEN", "_SAS_TOKEN", "_HOST_HEADER", "_PATH_PREFIX", "_FORWARD_QUERY", "_EDGE_AUTH_MODE",
            "_EDGE_AUTH_HEADER", "_EDGE_AUTH_SECRET")
            .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();

    private EnvOriginNames() {
    }

    static void check(Set<String> configured, Map<String, String> env) {
        Set<String> known = new TreeSet<>();
        configured.forEach(name -> known.add(envForm(name)));
        Map<String, Set<String>> unmatched = new TreeMap<>();
        env.keySet().stream().filter(v -> v.startsWith(PREFIX)).forEach(variable -> {
            for (String suffix : SUFFIXES) {
                if (variable.endsWith(suffix) && variable.length() > PREFIX.length() + suffix.length()) {
                    String name = variable.substring(PREFIX.length(), variable.length() - suffix.length());
                    if (!known.contains(name)) {
                        unmatched.computeIfAbsent(name, n -> new TreeSet<>()).add(variable);
                    }
                    return;
                }
            }
        });
        if (!unmatched.isEmpty()) {
            var first = unmatched.entrySet().iterator().next();
            String example = first.getKey().toLowerCase(Locale.ROOT).replace('_', '-');
            throw new ConfigurationException("Environment variables " + String.join(", ", first.getValue())
                    + " name an origin that environment variables alone cannot define ('" + first.getKey()
                    + "' could be '" + example + "' or '" + first.getKey().toLowerCase(Locale.ROOT).replace('_', '.')
                    + "'): declare it in configuration (e.g. edge.origins." + example + ".endpoint in "
                    + "application.properties; the variables then fill in the rest) or give it a name of letters and "
                    + "digits only. Configured origins: " + configured);
        }
    }

    /** How a configured origin name appears in environment variable names. */
    static String envForm(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
