package dev.originedge.pop;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.config.EdgeConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Decides which POP this request is served at: {@code ?pop=}, then the trusted header, then
 * {@code EDGE_POP} / {@code FASTLY_POP} from the environment, then {@code edge.pop.default}.
 */
@Startup // a bad EDGE_POP or edge.pop.default stops the start, not the first request
@ApplicationScoped
public class PopResolver {

    private static final Pattern POP_CODE = Pattern.compile("[A-Za-z]{3}");

    private final boolean queryParamEnabled;
    private final Optional<String> header;
    /** The POP of this deployment when the request names none (environment, else configuration). */
    private final String deploymentPop;

    @Inject
    public PopResolver(EdgeConfig config) {
        this(config.pop(), System.getenv());
    }

    public PopResolver(EdgeConfig.PopConfig config, Map<String, String> env) {
        this.queryParamEnabled = config.queryParamEnabled();
        this.header = config.header().map(String::strip).filter(h -> !h.isEmpty());
        this.deploymentPop = deploymentPop(config.fallback(), env);
    }

    /**
     * @param rawQuery the request's query string as received (not decoded), or null
     * @param headers  request header lookup by name
     * @throws InvalidPopException when the request names a POP that is not 3 letters
     */
    public String resolve(String rawQuery, UnaryOperator<String> headers) {
        String queryPop = queryParamEnabled ? popParameter(rawQuery) : null;
        if (queryPop != null) {
            return validated(queryPop, "pop query parameter");
        }
        if (header.isPresent()) {
            String value = headers.apply(header.get());
            if (value != null) {
                return validated(value, header.get() + " header");
            }
        }
        return deploymentPop;
    }

    /**
     * The first {@code pop} parameter of a raw query. Read by hand, leniently: the rest of the query is dropped
     * anyway, so a malformed escape elsewhere ({@code ?x=%zz}) must not fail the request. A POP code is plain
     * letters; an escaped one is not a POP code and is refused as such.
     */
    static String popParameter(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("pop=")) {
                return pair.substring(4);
            }
            if (pair.equals("pop")) {
                return "";
            }
        }
        return null;
    }

    public String deploymentPop() {
        return deploymentPop;
    }

    public static boolean isPopCode(String value) {
        return POP_CODE.matcher(value).matches();
    }

    private static String validated(String value, String source) {
        String pop = value.strip();
        if (!isPopCode(pop)) {
            throw new InvalidPopException("The " + source + " must be a 3-letter POP code such as AMS");
        }
        return pop.toUpperCase(Locale.ROOT);
    }

    private static String deploymentPop(String fallback, Map<String, String> env) {
        for (String variable : new String[] { "EDGE_POP", "FASTLY_POP" }) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return startupPop(value, "environment variable " + variable);
            }
        }
        return startupPop(fallback, "edge.pop.default");
    }

    private static String startupPop(String value, String source) {
        if (!isPopCode(value.strip())) {
            throw new ConfigurationException(source + " must be a 3-letter POP code such as SJC, got '" + value + "'");
        }
        return value.strip().toUpperCase(Locale.ROOT);
    }
}
