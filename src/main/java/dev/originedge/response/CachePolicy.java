package dev.originedge.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.config.EdgeConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.MultiMap;

/**
 * The caching headers a response leaves with ({@code edge.cache.rules}, first match in list order):
 * <ul>
 * <li>{@code 2xx} and {@code 304}: the first rule whose {@code path} glob matches the request path and whose
 * {@code content-type} is a prefix of the response's media type (a rule names one or both) sets
 * {@code Cache-Control} and/or {@code Surrogate-Control}; with {@code override=false} an origin's own header
 * (object metadata) wins;</li>
 * <li>error responses (error pages, inline or plain): {@code Cache-Control: no-store}, unless the page is an
 * object and a rule's {@code path} names that object ({@code /404.html}): then that rule's headers. Neither a
 * rule for the request path nor a content-type-only rule applies to an error, so that {@code /assets/**}
 * {@code immutable} cannot pin a missing asset's 404 in caches for a year;</li>
 * <li>directory redirects: a rule with a {@code path} naming the request path, else nothing.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class CachePolicy {

    static final String NO_STORE = "no-store";

    private final Rule[] rules;

    @Inject
    public CachePolicy(EdgeConfig config) {
        List<Rule> parsed = new ArrayList<>();
        List<EdgeConfig.CacheRule> configured = config.cache().rules();
        for (int i = 0; i < configured.size(); i++) {
            parsed.add(Rule.of("edge.cache.rules[" + i + "]", configured.get(i)));
        }
        this.rules = parsed.toArray(Rule[]::new);
    }

    /** A {@code 2xx} or {@code 304} from an origin (the SPA's fallback document too). */
    public void stored(String path, MultiMap headers) {
        if (rules.length == 0) {
            return;
        }
        Rule rule = first(path, headers.get("content-type"), false);
        if (rule != null) {
            rule.apply(headers, rule.override);
        }
    }

    /**
     * An error status on its way to the client, whatever its body.
     *
     * @param pagePath the error page object's path ({@code /404.html}); null for an inline page or a plain line
     */
    public void error(String pagePath, MultiMap headers) {
        Rule rule = pagePath == null ? null : first(pagePath, headers.get("content-type"), true);
        if (rule != null) {
            rule.apply(headers, true);
        } else {
            headers.set("Cache-Control", NO_STORE);
        }
    }

    /** A directory redirect. */
    public void redirect(String path, MultiMap headers) {
        Rule rule = first(path, null, true);
        if (rule != null) {
            rule.apply(headers, true);
        }
    }

    private Rule first(String path, String contentType, boolean pathRulesOnly) {
        for (Rule rule : rules) {
            if (pathRulesOnly && rule.path == null) {
                continue;
            }
            if ((rule.path == null || rule.path.matches(path)) && (rule.contentType == null
                    || contentType != null && contentType.regionMatches(true, 0, rule.contentType, 0,
                            rule.contentType.length()))) {
                return rule;
            }
        }
        return null;
    }

    private record Rule(Glob path, String contentType, String cacheControl, String surrogateControl,
            boolean override) {

        static Rule of(String property, EdgeConfig.CacheRule rule) {
            if (rule.path().isEmpty() && rule.contentType().isEmpty()) {
                throw new ConfigurationException(property + " needs a path or a content-type to match: set "
                        + property + ".path or " + property + ".content-type");
            }
            Glob path = null;
            if (rule.path().isPresent()) {
                try {
                    path = Glob.path(rule.path().get().strip());
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(property + ".path is not a valid glob: " + e.getMessage());
                }
            }
            if (rule.cacheControl().isEmpty() && rule.surrogateControl().isEmpty()) {
                throw new ConfigurationException(property + " sets nothing: set " + property + ".cache-control or "
                        + property + ".surrogate-control");
            }
            return new Rule(path, rule.contentType().map(t -> t.strip().toLowerCase(Locale.ROOT)).orElse(null),
                    oneLine(property + ".cache-control", rule.cacheControl()),
                    oneLine(property + ".surrogate-control", rule.surrogateControl()), rule.override());
        }

        private static String oneLine(String property, Optional<String> value) {
            if (value.isPresent() && (value.get().indexOf('\r') >= 0 || value.get().indexOf('\n') >= 0)) {
                throw new ConfigurationException(property + " must be one line");
            }
            return value.map(String::strip).orElse(null);
        }

        void apply(MultiMap headers, boolean replace) {
            if (cacheControl != null && (replace || !headers.contains("cache-control"))) {
                headers.set("Cache-Control", cacheControl);
            }
            if (surrogateControl != null && (replace || !headers.contains("surrogate-control"))) {
                headers.set("Surrogate-Control", surrogateControl);
            }
        }
    }
}
