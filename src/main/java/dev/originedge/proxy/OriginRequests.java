package dev.originedge.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginRequest;
import dev.originedge.signing.RequestAuthorizer;
import io.vertx.core.MultiMap;

/**
 * Builds every request an origin gets, the object's and the site's extra ones, ready to send: no query string
 * (better cache-hit ratio, and S3 sub-resources such as {@code ?acl} never reach the bucket) unless an
 * {@code http} origin asked for it, the Host the origin expects, only the client headers an object GET needs,
 * then the origin's proof of access over exactly what will be sent. Client credentials, cookies,
 * {@code x-amz-*}, hop-by-hop headers and a client's own edge-auth header are never forwarded.
 * <p>
 * A bucket is asked for the key, encoded the way S3 signs it (a path ending in {@code /} names its index
 * document); a web origin ({@code http}) for the path exactly as the client sent it, which the app decodes and
 * resolves itself ({@code %2F} or {@code ;v=1} keep their meaning). Both after the origin's path prefix.
 */
@ApplicationScoped
public class OriginRequests {

    /** Conditional, range and encoding headers: everything else from the client stays here. */
    static final List<String> FORWARDED = List.of("range", "if-none-match", "if-modified-since", "if-match",
            "if-unmodified-since", "accept-encoding");
    /**
     * Goes only with {@code range}: a resumed download whose validator no longer matches gets the whole object,
     * instead of a {@code 206} of the new object spliced onto the client's old bytes.
     */
    static final String IF_RANGE = "if-range";

    private final RequestAuthorizer authorizer;

    @Inject
    public OriginRequests(RequestAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    /**
     * The object a client asked for, with its forwarded headers; null when there is nothing to ask this origin
     * for (a path ending in {@code /} without an index document, on a bucket: that would be a listing).
     *
     * @param clientHeaders the client request's headers
     * @param clientQuery   its raw query (null: none), forwarded only where the origin asks for it
     * @param pop           the POP the request is served at (edge-auth signs it)
     */
    public OriginRequest object(Origin origin, String method, KeyPath key, MultiMap clientHeaders,
            String clientQuery, String pop) {
        if (key.directory() && origin.provider().bucket()) {
            return null;
        }
        return authorizer.authorize(unsigned(origin, method, key, clientHeaders, clientQuery), pop);
    }

    /** {@link #object} before its proof of access is added. */
    public OriginRequest unsigned(Origin origin, String method, KeyPath key, MultiMap clientHeaders,
            String clientQuery) {
        Map<String, String> headers = base(origin);
        String own = origin.access().ownHeader();
        for (String name : FORWARDED) {
            String value = joined(clientHeaders, name);
            if (value != null && !name.equals(own)) {
                headers.put(name, value);
            }
        }
        String ifRange = headers.containsKey("range") ? joined(clientHeaders, IF_RANGE) : null;
        if (ifRange != null && !IF_RANGE.equals(own)) {
            headers.put(IF_RANGE, ifRange);
        }
        String path = origin.pathFor(origin.provider().bucket() ? key.encoded() : key.raw());
        String query = origin.forwardQuery() && clientQuery != null && !clientQuery.isEmpty() ? clientQuery : null;
        return new OriginRequest(origin, method, path, query, headers);
    }

    /** One of the site's extra requests (probe, fallback document, error page): none of the client's headers. */
    public OriginRequest extra(Origin origin, String method, KeyPath key, String pop) {
        String path = origin.pathFor(origin.provider().bucket() ? key.encoded() : key.raw());
        return authorizer.authorize(new OriginRequest(origin, method, path, null, base(origin)), pop);
    }

    private static Map<String, String> base(Origin origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", origin.hostHeader());
        return headers;
    }

    /** All values of a client header, joined as HTTP allows; null when absent. */
    private static String joined(MultiMap headers, String name) {
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(", ", values);
    }
}
