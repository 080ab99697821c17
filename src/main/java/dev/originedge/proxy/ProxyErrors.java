package dev.originedge.proxy;

import java.util.Date;

import io.netty.handler.codec.DateFormatter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Every error the proxy answers itself: a short plain-text line (or the operator's inline error page), never a
 * stack trace, a credential or an origin's own error document. Writes nothing to a client that is gone or
 * already has its answer. Each carries a {@code Date} (RFC 9110 §6.6.1: an origin server with a clock sends one),
 * unless one is already set (an origin's, on a passed-through answer).
 */
final class ProxyErrors {

    static final String ALLOWED = "GET, HEAD";

    private ProxyErrors() {
    }

    /** Only GET and HEAD reach the proxy (OPTIONS too is refused: there is nothing to negotiate). */
    static void methodNotAllowed(HttpServerResponse response) {
        response.putHeader("Allow", ALLOWED);
        text(response, 405, "Method Not Allowed: use GET or HEAD");
    }

    static void badRequest(HttpServerResponse response, String message) {
        text(response, 400, message);
    }

    /** An inline error page (its status and type are set); a HEAD gets its length and no body. */
    static void page(HttpServerResponse response, boolean head, Buffer body) {
        if (response.closed() || response.ended() || response.headWritten()) {
            return;
        }
        date(response);
        if (head) {
            response.putHeader("Content-Length", String.valueOf(body.length())).end();
        } else {
            response.end(body.copy());
        }
    }

    static void text(HttpServerResponse response, int status, String message) {
        if (response.closed() || response.ended()) {
            return;
        }
        if (response.headWritten()) {
            response.reset(); // too late for a status: the client must see a broken transfer, not an ending
            return;
        }
        date(response);
        response.setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=UTF-8")
                .end(status + " " + message + "\n");
    }

    private static void date(HttpServerResponse response) {
        if (!response.headers().contains("Date")) {
            response.putHeader("Date", DateFormatter.format(new Date())); // IMF-fixdate, GMT
        }
    }
}
