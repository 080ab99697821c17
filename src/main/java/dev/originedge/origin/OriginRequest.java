package dev.originedge.origin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is sent to an origin: method, the exact path on the wire, its query (null: none; only an {@code http}
 * origin's forwarded client query or an Azure SAS token) and headers (lower-case names, insertion-ordered).
 * Immutable. The query stays out of {@link #path()}, which may be logged: a SAS token must not be.
 */
public record OriginRequest(Origin origin, String method, String path, String query, Map<String, String> headers) {

    public OriginRequest {
        headers = Map.copyOf(headers);
    }

    public OriginRequest(Origin origin, String method, String path, Map<String, String> headers) {
        this(origin, method, path, null, headers);
    }

    public String hostHeader() {
        return headers.get("host");
    }

    /** The request target on the wire: path and query. */
    public String uri() {
        return query == null ? path : path + "?" + query;
    }

    /** A copy with {@code more} headers added (names lower case) and the path the signer settled on. */
    public OriginRequest withHeaders(String signedPath, Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new OriginRequest(origin, method, signedPath, query, all);
    }

    /** A copy with this header set (name lower case). */
    public OriginRequest withHeader(String name, String value) {
        return withHeaders(path, Map.of(name, value));
    }

    /** A copy whose query is this one (replacing any other: the origin's own authorisation wins). */
    public OriginRequest withQuery(String newQuery) {
        return new OriginRequest(origin, method, path, newQuery, headers);
    }
}
