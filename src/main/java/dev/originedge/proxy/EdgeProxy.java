package dev.originedge.proxy;

import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginOrder;
import dev.originedge.pop.InvalidPopException;
import dev.originedge.pop.PopResolver;
import dev.originedge.response.HeaderPolicy;
import dev.originedge.site.SiteRules;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** The request path of Origin Edge, one step a line; each step is a bean with one job. */
@ApplicationScoped
public class EdgeProxy {

    @Inject
    PopResolver pops;
    @Inject
    OriginOrder order;
    @Inject
    Exchanges exchanges;
    @Inject
    SiteRules site;
    @Inject
    HeaderPolicy headerPolicy;

    public void handle(RoutingContext context) {
        HttpServerRequest incoming = context.request();
        if (RequestFraming.onRefusedConnection(incoming)) {
            return; // smuggled in behind a request that was refused for its framing: the connection is closing
        }
        headerPolicy.addTo(context); // edge.response.add-headers, on whatever this request is answered with
        // Framing first, whatever the method: a body the proxy will not read must not become the next request.
        String framing = RequestFraming.problem(incoming);
        if (framing != null) {
            RequestFraming.refuse(incoming, framing);
            return;
        }
        HttpMethod method = incoming.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            if (RequestFraming.hasBody(incoming)) {
                RequestFraming.refuseMethodWithBody(incoming); // 405 before the body is read: then close
            } else {
                ProxyErrors.methodNotAllowed(context.response());
            }
            return;
        }
        String repeated = RequestFraming.repeatedHeader(incoming);
        if (repeated != null) {
            ProxyErrors.badRequest(context.response(), repeated);
            return;
        }
        UnaryOperator<String> headers = name -> header(incoming, name);
        String pop;
        List<Origin> origins;
        KeyPath key;
        try {
            // 1. Where are we? ?pop=, a trusted header, EDGE_POP, or the configured default.
            pop = pops.resolve(incoming.query(), headers);
            // 2. The origins to try, nearest (or fastest) healthy one first, the others as failover.
            origins = order.attempts(pop);
            // 3. Only the path names the object: the query string is dropped, dot segments refused; a path
            // ending in / names the index document there.
            key = KeyPath.parse(incoming.path(), site.indexDocument());
        } catch (InvalidPopException | BadRequestPathException e) {
            ProxyErrors.badRequest(context.response(), e.getMessage());
            return;
        }
        // 4-5. Per origin: the Host it expects, only the client headers an object GET needs,
        // 6. and its proof of access over exactly what will be sent: SigV4, a token, or edge-auth.
        // 7-9. Send, fail over before any byte went out, stream status, headers (+ X-B2-Host) and body back;
        // 10. a missing page may become a directory redirect, the single-page app's document or an error page.
        exchanges.start(incoming, pop, key, origins);
    }

    /** All values of a client header, joined as HTTP allows; null when absent. */
    private static String header(HttpServerRequest incoming, String name) {
        List<String> values = incoming.headers().getAll(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
