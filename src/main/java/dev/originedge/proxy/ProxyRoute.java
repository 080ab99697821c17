package dev.originedge.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.vertx.ext.web.Router;

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
        router.route().order(ORDER).handler(proxy::handle);
    }
}
