package dev.originedge.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginRequest;

/**
 * Builds the unsigned origin request: no query string (better cache-hit ratio, and S3 sub-resources such as
 * {@code ?acl} never reach the bucket), the Host the bucket expects, and only the client headers an object
 * GET needs. Client credentials, cookies, {@code x-amz-*} and hop-by-hop headers are never forwarded.
 */
@ApplicationScoped
public class OriginRequestFactory {

    /** Conditional, range and encoding headers: everything else from the client stays here. */
    static final List<String> FORWARDED = List.of("range", "if-none-match", "if-modified-since", "if-match",
            "if-unmodified-since", "accept-encoding");

    public OriginRequest build(Origin origin, String method, KeyPath key, UnaryOperator<String> clientHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", origin.hostHeader());
        for (String name : FORWARDED) {
            String value = clientHeaders.apply(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new OriginRequest(origin, method, origin.pathFor(key.encoded()), headers);
    }
}
