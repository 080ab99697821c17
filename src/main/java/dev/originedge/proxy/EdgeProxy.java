package dev.originedge.proxy;

import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.resteasy.reactive.RestMulti;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginSelector;
import dev.originedge.pop.PopResolver;
import dev.originedge.signing.S3Signer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;

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

    public RestMulti<Buffer> forward(String method, HttpServerRequest incoming) {
        UnaryOperator<String> headers = name -> header(incoming, name);
        // 1. Where are we? ?pop=, a trusted header, EDGE_POP, or the configured default.
        String pop = pops.resolve(incoming.getParam("pop"), headers);
        // 2. The nearest bucket for that POP.
        Origin origin = selector.primary(pop);
        // 3. Only the path names the object: the query string is dropped, dot segments refused.
        KeyPath key = KeyPath.parse(incoming.path());
        // 4-5. Host as the bucket expects it, and only the client headers an object GET needs.
        OriginRequest unsigned = requests.build(origin, method, key, headers);
        // 6. AWS Signature V4 over exactly what will be sent.
        OriginRequest request = signer.sign(unsigned);
        // 7. Non-blocking send; 502 when unreachable, 504 when slow.
        Uni<HttpClientResponse> response = client.send(request);
        // 8-9. Stream status, headers (+ X-B2-Host) and body back, at the client's pace.
        return RestMulti.fromUniResponse(response,
                r -> responses.body(r, method),
                r -> responses.headers(r, request),
                HttpClientResponse::statusCode);
    }

    /** All values of a client header, joined as HTTP allows; null when absent. */
    private static String header(HttpServerRequest incoming, String name) {
        List<String> values = incoming.headers().getAll(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
