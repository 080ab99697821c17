package dev.originedge.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.config.EdgeConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * What a static website needs from the edge besides the object itself ({@code edge.site.*}):
 * <ul>
 * <li>the index document served for a path ending in {@code /};</li>
 * <li>the directory redirect: {@code /docs} answering 404 or 403 becomes {@code 301 Location: /docs/} when
 * {@code /docs/index.html} exists (found by asking the origin, never guessed from the name);</li>
 * <li>the single-page-app fallback: a missing GET or HEAD whose last segment has no extension gets the fallback
 * document with {@code 200}, so client-side routes work; assets keep their 404.</li>
 * </ul>
 * The decisions only: the origin requests they need are made by the proxy.
 */
@Startup
@ApplicationScoped
public class SiteRules {

    private final String indexDocument;
    private final boolean directoryRedirect;
    private final String fallbackDocument;

    @Inject
    public SiteRules(EdgeConfig config) {
        this.indexDocument = config.site().indexDocument().map(String::strip).filter(d -> !d.isEmpty())
                .map(d -> key("edge.site.index-document", d)).orElse(null);
        if (indexDocument != null && indexDocument.contains("/")) {
            throw new ConfigurationException("edge.site.index-document must be a name, not a path: '"
                    + indexDocument + "'");
        }
        this.directoryRedirect = config.site().directoryRedirect();
        this.fallbackDocument = config.site().fallbackDocument().map(String::strip).filter(d -> !d.isEmpty())
                .map(d -> key("edge.site.fallback-document", d)).orElse(null);
    }

    /**
     * A key named by configuration: a leading {@code /} is dropped; it must name an object (not end in {@code /})
     * and must not contain {@code .} or {@code ..} segments.
     */
    static String key(String property, String value) {
        String key = value.startsWith("/") ? value.substring(1) : value;
        if (key.isEmpty() || key.endsWith("/")) {
            throw new ConfigurationException(property + " must name an object, e.g. index.html; got '" + value + "'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new ConfigurationException(property + " must not contain empty, . or .. segments: '"
                        + value + "'");
            }
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new ConfigurationException(property + " contains a control character");
            }
        }
        return key;
    }

    /** Served for a path ending in {@code /}; null: off (such a path is a 404 without asking the bucket). */
    public String indexDocument() {
        return indexDocument;
    }

    /** The key of the single-page-app document, or null. */
    public String fallbackDocument() {
        return fallbackDocument;
    }

    /** Whether a {@code status} answer for this path is worth probing {@code path/index} for a redirect. */
    public boolean probesDirectory(String rawPath, int status) {
        return directoryRedirect && indexDocument != null && (status == 404 || status == 403)
                && rawPath.length() > 1 && !rawPath.endsWith("/");
    }

    /**
     * The redirect target for a directory: the path with {@code /} appended and the client's query string. The
     * client's own escaping is kept when it is plain ASCII; otherwise the key is escaped as S3 canonicalises it.
     * Null when the target would leave this site ({@code //host/} is a reference to another host).
     *
     * @param encodedKey the key, S3-encoded, with its leading slash
     */
    public static String location(String rawPath, String encodedKey, String query) {
        String path = plainAscii(rawPath) ? rawPath : encodedKey;
        if (path.startsWith("//") || path.startsWith("/\\")) {
            return null;
        }
        return path + "/" + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    private static boolean plainAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether a {@code status} answer to this request gets the single-page-app document instead. */
    public boolean fallsBack(String method, String decodedPath, int status) {
        if (fallbackDocument == null || (status != 404 && status != 403)
                || !(method.equals("GET") || method.equals("HEAD"))) {
            return false;
        }
        String last = decodedPath.substring(decodedPath.lastIndexOf('/') + 1);
        return last.indexOf('.') < 0;
    }
}
