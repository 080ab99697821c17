package dev.originedge.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.cache.Freshness;
import dev.originedge.cache.Storability;
import dev.originedge.config.EdgeConfig;
import dev.originedge.origin.OriginRequest;
import dev.originedge.response.CachePolicy;
import dev.originedge.response.ResponseHeaders;
import dev.originedge.site.ErrorPages;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * Everything the client gets: the head (the origin's status and headers as {@link ResponseHeaders} shapes them,
 * the caching headers of {@link CachePolicy}), then the body: none (HEAD, {@code 304}, {@code 204}), the origin's
 * streamed with its length, chunked, or delimited by closing the connection for HTTP/1.0 ({@link BodyStream}),
 * or the proxy's own short error line or the operator's inline page ({@link ProxyErrors}).
 */
@ApplicationScoped
public class ClientResponses {

    private final ResponseHeaders headers;
    private final CachePolicy cache;
    private final Drain drain;
    private final Vertx vertx;
    private final long idleTimeoutNanos;
    private final Freshness freshness;
    private final Storability storability;

    @Inject
    public ClientResponses(ResponseHeaders headers, CachePolicy cache, Drain drain, Vertx vertx, EdgeConfig config) {
        this.headers = headers;
        this.cache = cache;
        this.drain = drain;
        this.vertx = vertx;
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
        this.freshness = Freshness.of(config.cache());
        this.storability = Storability.of(config.cache());
    }

    /** The object ({@code 2xx}, {@code 304}), or the single-page app's document for a missing route. */
    void object(Exchange exchange, OriginRequest request, HttpClientResponse response, int status) {
        HttpServerResponse client = exchange.client();
        headers.head(status, response.headers(), request, client);
        cache.stored(exchange.key().path(), client.headers());
        long lifetime = storedFor(exchange, status, client.headers());
        cacheStatus(exchange, client, exchange.willStore(status, lifetime));
        stream(exchange, request, response, status, lifetime);
    }

    /** A web app's redirect, its Location kept at the edge; its own caching headers, no rule's (rules are for content). */
    void webRedirect(Exchange exchange, OriginRequest request, HttpClientResponse response, int status) {
        HttpServerResponse client = exchange.client();
        headers.head(status, response.headers(), request, client);
        WebRedirects.keepAtEdge(request.origin(), client.headers());
        cacheStatus(exchange, client, false);
        stream(exchange, request, response, status, 0);
    }

    /** {@code 301} to the directory ({@code Location} relative, the client's query kept). */
    void directoryRedirect(Exchange exchange, OriginRequest request, String location) {
        HttpServerResponse client = exchange.client();
        headers.head(301, MultiMap.caseInsensitiveMultiMap(), request, client); // Date, X-B2-Host
        client.putHeader("Location", location);
        cache.redirect(exchange.key().path(), client.headers());
        client.end();
        exchange.finish(301, request.origin().name(), false, false);
    }

    /** The error page object, with the original status and the page's own type and length. */
    void errorObject(Exchange exchange, PendingError error, ErrorPages.Page page, OriginRequest request,
            HttpClientResponse response) {
        HttpServerResponse client = exchange.client();
        errorHead(client, error, request);
        MultiMap pageHeaders = response.headers();
        String type = pageHeaders.get("content-type");
        client.putHeader("Content-Type", type != null ? type : page.contentType());
        for (String name : new String[] { "Content-Length", "Content-Encoding" }) {
            String value = pageHeaders.get(name);
            if (value != null) {
                client.putHeader(name, value);
            }
        }
        cache.error("/" + page.objectKey(), client.headers());
        stream(exchange, request, response, error.status(), 0);
    }

    /** The operator's inline page for this status (null: none), else the short plain-text line. */
    void plainError(Exchange exchange, PendingError error, ErrorPages.Page page) {
        HttpServerResponse client = exchange.client();
        errorHead(client, error, error.headers() != null ? error.answer() : null);
        if (page != null && page.body() != null) {
            client.putHeader("Content-Type", page.contentType());
            cache.error(null, client.headers());
            ProxyErrors.page(client, exchange.incoming().method() == HttpMethod.HEAD, page.body());
        } else {
            cache.error(null, client.headers());
            ProxyErrors.text(client, error.status(), error.message());
        }
        exchange.finish(error.status(), error.answer() != null ? error.answer().origin().name() : "none", false,
                false);
    }

    /** The error's status, and the origin's headers for it when there are any (less those of its body). */
    private void errorHead(HttpServerResponse client, PendingError error, OriginRequest from) {
        if (client.closed() || client.ended() || client.headWritten()) {
            return;
        }
        if (error.headers() != null) {
            headers.head(error.status(), error.headers(), from, client);
        } else {
            client.setStatusCode(error.status());
            if (from != null) {
                client.putHeader(ResponseHeaders.X_B2_HOST, from.hostHeader());
            }
        }
    }

    /** The body, if the answer has one; its status and headers are set. */
    /**
     * Seconds the answer, as it goes to the client, may be served from the cache; 0: not stored. An answer that
     * must be revalidated before each reuse is not stored yet (revalidation is still to come).
     */
    private long storedFor(Exchange exchange, int status, MultiMap headers) {
        Freshness.Lifetime lifetime = freshness.lifetime(status, headers, System.currentTimeMillis());
        Storability.Decision decision = storability.decide(exchange.incoming().method(), status, headers, lifetime);
        return decision.stored() && decision.reuse() != Storability.Reuse.REVALIDATE_ALWAYS ? lifetime.seconds() : 0;
    }

    private static void cacheStatus(Exchange exchange, HttpServerResponse client, boolean stored) {
        String value = exchange.cacheStatus();
        if (value != null) {
            client.putHeader("Cache-Status", stored && !value.endsWith("collapsed") ? value + "; stored" : value);
        }
    }

    private void stream(Exchange exchange, OriginRequest request, HttpClientResponse response, int status,
            long lifetime) {
        HttpServerResponse client = exchange.client();
        if (exchange.incoming().method() == HttpMethod.HEAD || status == 304 || status == 204) {
            drain.discard(response);
            client.end();
            exchange.finish(status, request.origin().name(), false, false);
            return;
        }
        boolean closeAtEnd = false;
        if (!client.headers().contains("content-length")) {
            if (exchange.incoming().version() == HttpVersion.HTTP_1_0) {
                // No chunked encoding in HTTP/1.0: the end of the connection is the end of the body.
                client.putHeader("Connection", "close");
                closeAtEnd = true;
            } else {
                client.setChunked(true); // the origin streams without a length: so do we
            }
        }
        exchange.streaming(request, exchange.filling(new BodyStream(vertx, idleTimeoutNanos, response,
                exchange.incoming(), closeAtEnd, exchange), status, lifetime));
    }
}
