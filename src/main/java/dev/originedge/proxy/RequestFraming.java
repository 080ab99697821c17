package dev.originedge.proxy;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses requests whose body framing a front proxy could read differently (request smuggling, RFC 9112
 * §6.1 and §6.3): a {@code Transfer-Encoding} whose last coding is not {@code chunked}, or one sent together
 * with {@code Content-Length}, whatever the method. The HTTP server drops {@code Content-Length} when both are
 * present, so any {@code Transfer-Encoding} on a GET or HEAD is refused: those have no body to frame, and a
 * client that sends one anyway is not one to guess about. Another method with a body (chunked, or a
 * {@code Content-Length} above 0) gets its {@code 405} before the body is read, so its connection is closed
 * too. After such an answer the connection is closed, and requests the server had already parsed from the
 * bytes that followed are dropped unanswered.
 */
final class RequestFraming {

    /** Connections being closed for bad framing (weak: a closed connection leaves on its own). */
    private static final Map<HttpConnection, Boolean> CLOSING = Collections.synchronizedMap(new WeakHashMap<>());

    private RequestFraming() {
    }

    /** Answers 400 and closes the connection: whatever follows on it cannot be trusted. */
    static void refuse(HttpServerRequest request, String message) {
        closing(request);
        ProxyErrors.text(request.response(), 400, message);
        request.connection().close();
    }

    /** Answers 405 and closes the connection: the body that follows is never read, so nothing after it is. */
    static void refuseMethodWithBody(HttpServerRequest request) {
        closing(request);
        ProxyErrors.methodNotAllowed(request.response());
        request.connection().close();
    }

    private static void closing(HttpServerRequest request) {
        CLOSING.put(request.connection(), Boolean.TRUE);
        request.response().putHeader("Connection", "close");
    }

    /** Whether the request says a body follows: any Transfer-Encoding, or a Content-Length other than 0. */
    static boolean hasBody(HttpServerRequest request) {
        if (request.headers().contains("transfer-encoding")) {
            return true;
        }
        String length = request.headers().get("content-length");
        return length != null && !length.strip().equals("0");
    }

    /** Whether this request came after a refused one on the same connection (then it gets no answer). */
    static boolean onRefusedConnection(HttpServerRequest request) {
        return !CLOSING.isEmpty() && CLOSING.containsKey(request.connection());
    }

    /**
     * Null when the framing is fine, else why not: any method with ambiguous framing, a GET or HEAD with any
     * Transfer-Encoding. (Another method with a well-framed body is refused for its method.)
     */
    static String problem(HttpServerRequest request) {
        if (request.headers().get("transfer-encoding") == null) {
            return null; // every ordinary request
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
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            return null;
        }
        return "A GET or HEAD request must not carry a body with Transfer-Encoding";
    }

    /**
     * Null when each header that may appear only once does, else why not. {@code Range} is a single header
     * (RFC 9110 §14.2): two of them would otherwise be joined with ", " and sent on as a range list the client
     * never asked for.
     */
    static String repeatedHeader(HttpServerRequest request) {
        return request.headers().getAll("range").size() > 1 ? "Only one Range header is allowed" : null;
    }
}
