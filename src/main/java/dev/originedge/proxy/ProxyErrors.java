package dev.originedge.proxy;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpServerResponse;

/**
 * Every error the proxy answers itself: a short plain-text line, never a stack trace, a credential or an
 * origin's own error document.
 */
final class ProxyErrors {

    private static final Logger LOG = Logger.getLogger(ProxyErrors.class);
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

    static void originFailed(HttpServerResponse response, Throwable failure) {
        if (failure instanceof OriginException e) {
            LOG.warnf("%s (%s)", e.getMessage(), e.getCause() == null ? "timeout" : e.getCause().toString());
            text(response, e.status(), e.getMessage());
        } else {
            LOG.error("Unexpected error", failure);
            text(response, 500, "Internal error");
        }
    }

    static void text(HttpServerResponse response, int status, String message) {
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=UTF-8")
                .end(status + " " + message + "\n");
    }
}
