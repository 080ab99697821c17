package dev.originedge.response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import dev.originedge.config.HeaderNames;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Clean responses: which origin headers a client gets, and what every proxied response carries besides.
 * <ul>
 * <li>{@code edge.response.strip-headers} (globs, case-insensitive) removes the storage provider's own headers
 * ({@code x-amz-request-id}, {@code x-amz-storage-class}, {@code Server}, ...);
 * {@code edge.response.keep-headers} names exceptions ({@code x-amz-meta-*});</li>
 * <li>the headers a cache or browser relies on ({@link #PROTECTED}) are never stripped, whatever the patterns say;</li>
 * <li>{@code Set-Cookie} from an origin is dropped (a bucket never legitimately sets one) unless a keep pattern
 * names it;</li>
 * <li>{@code edge.response.add-headers.<Name>} is set on every proxied response, replacing a header of that name.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class HeaderPolicy {

    private static final Logger LOG = Logger.getLogger(HeaderPolicy.class);

    /** Never stripped: what caches, browsers and range requests depend on. */
    public static final Set<String> PROTECTED = Set.of("etag", "last-modified", "content-type", "content-length",
            "content-encoding", "content-range", "accept-ranges", "cache-control", "expires", "vary");

    private final Glob[] strip;
    private final Glob[] keep;
    private final String[] addNames;
    private final String[] addValues;
    private final List<String> warnings = new ArrayList<>();

    @Inject
    public HeaderPolicy(EdgeConfig config) {
        EdgeConfig.ResponseConfig response = config.response();
        this.strip = globs("edge.response.strip-headers", response.stripHeaders().orElse(List.of()));
        this.keep = globs("edge.response.keep-headers", response.keepHeaders().orElse(List.of()));
        Map<String, String> add = new LinkedHashMap<>();
        response.addHeaders().forEach((name, value) -> {
            String property = "edge.response.add-headers." + name;
            if (!HeaderNames.isToken(name)) {
                throw new ConfigurationException(property + ": '" + name + "' is not a header name");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new ConfigurationException(property + " must be one line");
            }
            add.put(name, value);
        });
        this.addNames = add.keySet().toArray(String[]::new);
        this.addValues = add.values().toArray(String[]::new);
        for (Glob glob : strip) {
            List<String> spared = PROTECTED.stream().filter(glob::matches).sorted().toList();
            if (!spared.isEmpty()) {
                warnings.add("edge.response.strip-headers: '" + glob + "' would strip " + String.join(", ", spared)
                        + "; those headers are never stripped");
            }
        }
        warnings.forEach(LOG::warn);
    }

    /** What the start-up log warned about. */
    public List<String> warnings() {
        return warnings;
    }

    private static Glob[] globs(String property, List<String> patterns) {
        List<Glob> globs = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern.isBlank()) {
                continue;
            }
            try {
                globs.add(Glob.header(pattern));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(property + ": " + e.getMessage());
            }
        }
        return globs.toArray(Glob[]::new);
    }

    /** Whether an origin header (its name in lower case) goes to the client. */
    public boolean passes(String lowerName) {
        if (PROTECTED.contains(lowerName)) {
            return true;
        }
        boolean dropped = lowerName.equals("set-cookie") || matchesAny(strip, lowerName);
        return !dropped || matchesAny(keep, lowerName);
    }

    private static boolean matchesAny(Glob[] globs, String lowerName) {
        for (Glob glob : globs) {
            if (glob.matches(lowerName)) {
                return true;
            }
        }
        return false;
    }

    /** Sets {@code edge.response.add-headers} just before the response's headers go out, whatever answers. */
    public void addTo(RoutingContext context) {
        if (addNames.length > 0) {
            HttpServerResponse response = context.response();
            context.addHeadersEndHandler(ignored -> {
                for (int i = 0; i < addNames.length; i++) {
                    response.putHeader(addNames[i], addValues[i]);
                }
            });
        }
    }
}
