package dev.originedge.response;

import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.origin.OriginRequest;
import io.netty.handler.codec.DateFormatter;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;

/**
 * The status line and headers a client gets for an origin response: the origin's status and headers, less
 * hop-by-hop ones (also those its {@code Connection} header names), plus {@code X-B2-Host} and a {@code Date}
 * when the origin sent none. For an origin error the headers describing its body go too: the client gets a
 * short plain-text line instead of S3's XML (which can name the bucket and the access key id). The storage
 * provider's own headers and {@code Set-Cookie} go as {@link HeaderPolicy} says.
 */
@ApplicationScoped
public class ResponseHeaders {

    public static final String X_B2_HOST = "X-B2-Host";

    /** Hop-by-hop headers, ours, and {@code Alt-Svc}: the origin's other endpoints are not the edge's. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-authenticate", "proxy-authorization", "proxy-connection", "x-b2-host",
            "alt-svc");
    /** An error is {@code no-store} for every cache, the CDN's included: the origin's surrogate headers go. */
    private static final Set<String> ERROR_CACHE_HEADERS = Set.of("surrogate-control", "cdn-cache-control");
    /** Headers that describe the origin's error body, which the client does not get. */
    private static final Set<String> ERROR_BODY_HEADERS = Set.of("content-length", "content-type",
            "content-encoding", "content-md5", "content-range");

    @Inject
    HeaderPolicy policy;

    /** Copies status and headers; for {@code 304} without the length of a body it does not have. */
    public void head(int status, MultiMap origin, OriginRequest request, HttpServerResponse client) {
        client.setStatusCode(status);
        String connection = origin.get("connection"); // usually absent: then nothing more is hop-by-hop
        for (String name : origin.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!dropped(lower, status) && policy.passes(lower)
                    && (connection == null || !listedIn(origin.getAll("connection"), lower))) {
                client.headers().add(name, origin.getAll(name));
            }
        }
        if (!client.headers().contains("date")) {
            client.putHeader("Date", DateFormatter.format(new Date()));
        }
        client.putHeader(X_B2_HOST, request.hostHeader());
    }

    private static boolean dropped(String lower, int status) {
        if (HOP_BY_HOP.contains(lower)) {
            return true;
        }
        if (status == 304) {
            return lower.equals("content-length");
        }
        if (status < 400) {
            return false;
        }
        // An error's body is replaced; a 416 keeps "Content-Range: bytes */<length>", the object's size.
        return ERROR_BODY_HEADERS.contains(lower) && !(status == 416 && lower.equals("content-range"))
                || ERROR_CACHE_HEADERS.contains(lower);
    }

    /** Whether the origin's {@code Connection} header names this header as one for the proxy only. */
    private static boolean listedIn(List<String> connection, String lower) {
        for (String listed : connection) {
            for (String token : listed.split(",")) {
                if (token.strip().equalsIgnoreCase(lower)) {
                    return true;
                }
            }
        }
        return false;
    }
}
