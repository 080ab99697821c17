package dev.originedge.proxy;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes an origin response to the client: the origin's status and headers (less hop-by-hop), plus
 * {@code X-B2-Host}, and the body piped with back-pressure (the origin is read only as fast as the client
 * takes it, so no object is ever held in memory). An origin error's body (S3 XML that can name the bucket, the
 * access key id and the string to sign) is replaced by a short plain-text line.
 */
@ApplicationScoped
public class OriginResponses {

    public static final String X_B2_HOST = "X-B2-Host";
    private static final Logger LOG = Logger.getLogger(OriginResponses.class);

    private static final Set<String> NOT_COPIED = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-authenticate", "proxy-connection", "x-b2-host");
    /** Headers that describe the origin's error body, which the client does not get. */
    private static final Set<String> ERROR_BODY_HEADERS = Set.of("content-length", "content-type",
            "content-encoding", "content-md5", "content-range");

    public void stream(HttpClientResponse origin, OriginRequest request, HttpServerResponse client) {
        int status = origin.statusCode();
        if (status >= 300 && status < 400 && status != 304) {
            // S3 redirects only when the endpoint or region is wrong; its Location would lead clients around us.
            drain(origin);
            LOG.warnf("Origin %s answered %d: check edge.origins.%s.endpoint and region", request.origin().name(),
                    status, request.origin().name());
            ProxyErrors.text(client, 502, "Origin " + request.origin().name() + " is misconfigured");
            return;
        }
        boolean error = status >= 400;
        client.setStatusCode(status);
        copyHeaders(origin.headers(), client.headers(), error);
        client.putHeader(X_B2_HOST, request.hostHeader());

        boolean bodiless = request.method().equals("HEAD") || status == 304 || status == 204;
        if (error || bodiless) {
            drain(origin);
            if (error) {
                ProxyErrors.text(client, status, HttpResponseStatus.valueOf(status).reasonPhrase());
            } else {
                client.end();
            }
            return;
        }
        if (!client.headers().contains("content-length")) {
            client.setChunked(true); // the origin streams without a length: so do we
        }
        client.exceptionHandler(ignored -> origin.request().reset()); // the client went away
        origin.pipeTo(client).onFailure(ignored -> {
            origin.request().reset();
            client.reset(); // the body broke off: the client must not take it for a whole object
        });
    }

    /** Reads and drops a body nobody will get, so that the connection can be reused. */
    private static void drain(HttpClientResponse origin) {
        origin.handler(ignored -> {
        }).resume();
    }

    private static void copyHeaders(MultiMap from, MultiMap to, boolean error) {
        for (String name : from.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_COPIED.contains(lower) && !(error && ERROR_BODY_HEADERS.contains(lower))) {
                to.add(name, from.getAll(name));
            }
        }
    }
}
