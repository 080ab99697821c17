package dev.originedge.proxy;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses requests whose body framing a front proxy could read differently (request smuggling, RFC 9112
 * §6.1 and §6.3): a {@code Transfer-Encoding} whose last coding is not {@code chunked}, or one sent together
 * with {@code Content-Length}. The HTTP server drops {@code Content-Length} when both are present, so any
 * {@code Transfer-Encoding} on a GET or HEAD is refused: those have no body to frame, and a client that sends
 * one anyway is not one to guess about. The connection is closed after the {@code 400}, and requests the
 * server had already parsed from the bytes that followed are dropped unanswered.
 */
final class RequestFraming {

    /** Connections being closed for bad framing (weak: a closed connection leaves on its own). */
    private static final Map<HttpConnection, Boolean> CLOSING = Collections.synchronizedMap(new WeakHashMap<>());

    private RequestFraming() {
    }

    /** Answers 400 and closes the connection: whatever follows on it cannot be trusted. */
    static void refuse(HttpServerRequest request, String message) {
        CLOSING.put(request.connection(), Boolean.TRUE);
        request.response().putHeader("Connection", "close");
        ProxyErrors.text(request.response(), 400, message);
        request.connection().close();
    }

    /** Whether this request came after a refused one on the same connection (then it gets no answer). */
    static boolean onRefusedConnection(HttpServerRequest request) {
        return !CLOSING.isEmpty() && CLOSING.containsKey(request.connection());
    }

    /** Null when the framing is fine, else why not. */
    static String problem(HttpServerRequest request) {
        if (request.headers().get("transfer-encoding") == null) {
            return null; // every ordinary GET and HEAD
        }
        List<String> te = request.headers().getAll("transfer-encoding");
        if (request.headers().contains("content-length")) {
            return "Transfer-Encoding together with Content-Length is not allowed";
        }
        String codings = String.join(",", te).toLowerCase(Locale.ROOT);
        String last = codings.substring(codings.lastIndexOf(',') + 1).strip();
        if (!last.equals("chunked")) {
            return "The last transfer coding must be chunked";
        }
        return "A GET or HEAD request must not carry a body with Transfer-Encoding";
    }
}
