package dev.originedge.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.vertx.core.VertxException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The catch-all endpoint: every path that Quarkus itself does not serve (such as {@code /q/health}) is an
 * object key. A plain Vert.x route rather than a JAX-RS resource, so that the origin's status, headers and
 * {@code Content-Length} pass through unchanged and the body is piped buffer by buffer with back-pressure.
 */
@ApplicationScoped
public class ProxyRoute {

    /** After every route Quarkus registers, so those keep working. */
    static final int ORDER = Integer.MAX_VALUE - 1000;

    @Inject
    EdgeProxy proxy;

    void register(@Observes Router router) {
        // First of all routes: a request head arrived in time (edge.request-header-timeout, RequestHeadDeadline).
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            RequestHeadDeadline.headArrived(context);
            context.next();
        });
        router.route().order(ORDER).handler(proxy::handle);
        // Requests the router itself refuses (an HTTP/1.1 request without Host): a clear 400, not an ERROR line.
        router.route().order(Integer.MIN_VALUE).failureHandler(ProxyRoute::badRequest);
    }

    private static void badRequest(RoutingContext context) {
        if (context.statusCode() != 400) {
            context.next();
            return;
        }
        RequestHeadDeadline.headArrived(context); // refused before any route ran: its head did arrive
        // Vert.x's own messages here describe the request's shape, never a secret.
        String reason = context.failure() instanceof VertxException e && e.getMessage() != null ? e.getMessage()
                : "the request is malformed";
        ProxyErrors.text(context.response(), 400, "Bad Request: " + reason);
    }
}
