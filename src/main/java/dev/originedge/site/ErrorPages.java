package dev.originedge.site;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.config.EdgeConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.buffer.Buffer;

/**
 * Custom error pages by status ({@code edge.errors."404".*}): an object of the origin that served the request,
 * an inline page, or both (the inline page when the object cannot be fetched). Any 4xx or 5xx status may have
 * one; a status without one keeps the short plain-text line.
 */
@Startup
@ApplicationScoped
public class ErrorPages {

    /**
     * @param objectKey   the key of the page in the origin's bucket, or null
     * @param body        the inline page, or null
     * @param contentType the inline page's type (and the object's when the origin sends none)
     */
    public record Page(int status, String objectKey, Buffer body, String contentType) {
    }

    private final Page[] byStatus = new Page[600];

    @Inject
    public ErrorPages(EdgeConfig config) {
        Map<Integer, Page> pages = new HashMap<>();
        config.errors().forEach((key, page) -> {
            String property = "edge.errors.\"" + key + "\"";
            int status = status(property, key);
            String object = page.object().map(String::strip).filter(o -> !o.isEmpty()).orElse(null);
            String body = page.body().orElse(null);
            if (object == null && body == null) {
                throw new ConfigurationException(property + " has neither an object nor a body: set " + property
                        + ".object (a key in the bucket, e.g. 404.html) or " + property + ".body (an inline page)");
            }
            if (object != null) {
                object = SiteRules.key(property + ".object", object);
            }
            String contentType = page.contentType().strip();
            if (contentType.isEmpty() || contentType.indexOf('\n') >= 0 || contentType.indexOf('\r') >= 0) {
                throw new ConfigurationException(property + ".content-type must be a media type, e.g. text/html");
            }
            if (pages.put(status, new Page(status, object,
                    body == null ? null : Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)), contentType)) != null) {
                throw new ConfigurationException(property + ": status " + status + " has two error pages");
            }
        });
        pages.forEach((status, page) -> byStatus[status] = page);
    }

    private static int status(String property, String key) {
        String trimmed = key.strip();
        if (trimmed.length() == 3 && trimmed.chars().allMatch(Character::isDigit)) {
            int status = Integer.parseInt(trimmed);
            if (status >= 400 && status <= 599) {
                return status;
            }
        }
        throw new ConfigurationException(property + ": '" + key
                + "' is not an error status; use a 4xx or 5xx status, e.g. edge.errors.\"404\".object=404.html");
    }

    /** The page for this status, or null. */
    public Page forStatus(int status) {
        return status >= 0 && status < byStatus.length ? byStatus[status] : null;
    }
}
