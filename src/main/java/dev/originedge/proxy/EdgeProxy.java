package dev.originedge.proxy;

import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginSelector;
import dev.originedge.pop.InvalidPopException;
import dev.originedge.pop.PopResolver;
import dev.originedge.signing.S3Signer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** The request path of Origin Edge, one step a line; each step is a bean with one job. */
@ApplicationScoped
public class EdgeProxy {

    @Inject
    PopResolver pops;
    @Inject
    OriginSelector selector;
    @Inject
    OriginRequestFactory requests;
    @Inject
    S3Signer signer;
    @Inject
    OriginClient client;
    @Inject
    OriginResponses responses;

    public void handle(RoutingContext context) {
        HttpServerRequest incoming = context.request();
        HttpMethod method = incoming.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            ProxyErrors.methodNotAllowed(context.response());
            return;
        }
        OriginRequest request;
        try {
            UnaryOperator<String> headers = name -> header(incoming, name);
            // 1. Where are we? ?pop=, a trusted header, EDGE_POP, or the configured default.
            String pop = pops.resolve(incoming.getParam("pop"), headers);
            // 2. The nearest bucket for that POP.
            Origin origin = selector.primary(pop);
            // 3. Only the path names the object: the query string is dropped, dot segments refused.
            KeyPath key = KeyPath.parse(incoming.path());
            // 4-5. Host as the bucket expects it, and only the client headers an object GET needs.
            OriginRequest unsigned = requests.build(origin, method.name(), key, headers);
            // 6. AWS Signature V4 over exactly what will be sent.
            request = signer.sign(unsigned);
        } catch (InvalidPopException | BadRequestPathException e) {
            ProxyErrors.badRequest(context.response(), e.getMessage());
            return;
        }
        // 7. Non-blocking send: 502 when unreachable, 504 when slow.
        // 8-9. Status, headers (+ X-B2-Host) and body streamed back at the client's pace.
        client.send(request).subscribe().with(
                response -> responses.stream(response, request, context.response()),
                failure -> ProxyErrors.originFailed(context.response(), failure));
    }

    /** All values of a client header, joined as HTTP allows; null when absent. */
    private static String header(HttpServerRequest incoming, String name) {
        List<String> values = incoming.headers().getAll(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
