package dev.originedge.proxy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * Turns an origin response into the client's: origin status and headers (less hop-by-hop), plus
 * {@code X-B2-Host}; the body streamed with back-pressure. An origin error's body (S3 XML that can name the
 * bucket, the access key id and the string to sign) is replaced by a short plain-text line.
 */
@ApplicationScoped
public class OriginResponses {

    public static final String X_B2_HOST = "X-B2-Host";

    private static final Set<String> NOT_COPIED = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-authenticate", "proxy-connection", "x-b2-host");
    /** Headers that describe the origin's error body, which the client does not get. */
    private static final Set<String> ERROR_BODY_HEADERS = Set.of("content-length", "content-type",
            "content-encoding", "content-md5", "content-range");

    public Map<String, List<String>> headers(HttpClientResponse response, OriginRequest request) {
        boolean error = isError(response);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.headers().names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_COPIED.contains(lower) && !(error && ERROR_BODY_HEADERS.contains(lower))) {
                headers.put(name, response.headers().getAll(name));
            }
        }
        if (error) {
            headers.put("Content-Type", List.of("text/plain; charset=UTF-8"));
            headers.put("Content-Length", List.of(String.valueOf(errorText(response).length)));
        }
        headers.put(X_B2_HOST, List.of(request.hostHeader()));
        return headers;
    }

    public Multi<Buffer> body(HttpClientResponse response, String method) {
        if (isError(response) || method.equals("HEAD")) {
            response.handler(ignored -> {
            }).resume(); // drain, so the connection can be reused
            return method.equals("HEAD") ? Multi.createFrom().empty()
                    : Multi.createFrom().item(Buffer.buffer(errorText(response)));
        }
        return io.vertx.mutiny.core.http.HttpClientResponse.newInstance(response).toMulti()
                .map(io.vertx.mutiny.core.buffer.Buffer::getDelegate)
                .onCancellation().invoke(() -> response.request().reset()); // client went away
    }

    private static boolean isError(HttpClientResponse response) {
        return response.statusCode() >= 400;
    }

    private static byte[] errorText(HttpClientResponse response) {
        return (response.statusCode() + " " + HttpResponseStatus.valueOf(response.statusCode()).reasonPhrase() + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
