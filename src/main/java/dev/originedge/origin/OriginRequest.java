package dev.originedge.origin;

import java.util.LinkedHashMap;
import java.util.Map;


/**
 * What is sent to an origin: method, the exact path on the wire, and headers (insertion-ordered).
 * Immutable; {@link #withHeaders} returns a copy.
 */
public record OriginRequest(Origin origin, String method, String path, Map<String, String> headers) {

    public OriginRequest {
        headers = Map.copyOf(headers);
    }

    public String hostHeader() {
        return headers.get("host");
    }

    /** A copy with {@code more} headers added (names lower case) and the path the signer settled on. */
    public OriginRequest withHeaders(String signedPath, Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new OriginRequest(origin, method, signedPath, all);
    }
}
