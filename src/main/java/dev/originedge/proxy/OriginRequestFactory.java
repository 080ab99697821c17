package dev.originedge.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginRequest;

/**
 * Builds the unauthorised origin request: no query string (better cache-hit ratio, and S3 sub-resources such as
 * {@code ?acl} never reach the bucket) unless an {@code http} origin asked for it, the Host the origin expects,
 * and only the client headers an object GET needs. Client credentials, cookies, {@code x-amz-*}, hop-by-hop
 * headers and a client's own edge-auth header are never forwarded.
 * <p>
 * A bucket is asked for the key, encoded the way S3 signs it (a path ending in {@code /} names its index
 * document); a web origin ({@code http}) for the path exactly as the client sent it, which the app decodes and
 * resolves itself ({@code %2F} or {@code ;v=1} keep their meaning). Both after the origin's path prefix.
 */
@ApplicationScoped
public class OriginRequestFactory {

    /** Conditional, range and encoding headers: everything else from the client stays here. */
    static final List<String> FORWARDED = List.of("range", "if-none-match", "if-modified-since", "if-match",
            "if-unmodified-since", "accept-encoding");

    /** @param clientQuery the client's raw query (null: none), forwarded only where the origin asks for it */
    public OriginRequest build(Origin origin, String method, KeyPath key, UnaryOperator<String> clientHeaders,
            String clientQuery) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", origin.hostHeader());
        String own = origin.access().ownHeader();
        for (String name : FORWARDED) {
            String value = clientHeaders.apply(name);
            if (value != null && !name.equals(own)) {
                headers.put(name, value);
            }
        }
        String path = origin.pathFor(origin.provider().bucket() ? key.encoded() : key.raw());
        String query = origin.forwardQuery() && clientQuery != null && !clientQuery.isEmpty() ? clientQuery : null;
        return new OriginRequest(origin, method, path, query, headers);
    }
}
