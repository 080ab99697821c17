package dev.originedge.proxy;

import java.util.Date;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.originedge.cache.CacheEntry;
import dev.originedge.response.ResponseHeaders;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;

/**
 * A stored answer as the client gets it: its status and headers, a fresh {@code Date}, its {@code Age}, the
 * {@code Cache-Status} of a hit, and its body straight from the off-heap copy (wrapped, not copied).
 */
@ApplicationScoped
public class CachedResponses {

    /** Headers that belong to one response, not to the stored answer. */
    static final Set<String> OF_THE_MOMENT = Set.of("date", "age", "cache-status", "connection", "keep-alive",
            "transfer-encoding", "content-length");

    void hit(Exchange exchange, CacheEntry entry, long nowMillis) {
        HttpServerResponse client = exchange.client();
        if (client.closed() || client.headWritten()) {
            return;
        }
        client.setStatusCode(entry.status());
        for (Map.Entry<String, String> h : entry.headers()) {
            client.headers().add(h.getKey(), h.getValue());
        }
        client.headers().set(ResponseHeaders.X_B2_HOST, entry.hostHeader());
        client.putHeader("Date", DateFormatter.format(new Date(nowMillis)));
        client.putHeader("Age", String.valueOf(entry.ageSeconds(nowMillis)));
        client.putHeader("Cache-Status", "OriginEdge; hit; ttl=" + entry.ttlSeconds(nowMillis));
        client.putHeader("Content-Length", String.valueOf(entry.length()));
        if (exchange.incoming().method() == HttpMethod.HEAD) {
            client.end();
        } else {
            client.end(Buffer.buffer(Unpooled.wrappedBuffer(entry.body())));
        }
        exchange.served(entry.status(), entry.origin());
    }
}
