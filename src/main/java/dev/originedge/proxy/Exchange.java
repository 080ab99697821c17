package dev.originedge.proxy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.originedge.cache.CacheEntry;
import dev.originedge.cache.CacheFill;
import dev.originedge.cache.EdgeCache;

import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One client request's way from its origins to its answer, on the client connection's event loop: the origin
 * attempts ({@link OriginAttempts}), what their outcome means ({@link AnswerPolicy}), the site's answers to an
 * error ({@link SiteAnswers}), the response ({@link ClientResponses}), and its record ({@link ExchangeRecord}).
 * It holds what is in flight, so that a client that goes away cancels it.
 */
final class Exchange implements BodyStream.Outcome {

    private final Exchanges parts;
    private final HttpServerRequest incoming;
    private final String pop;
    private final KeyPath key;
    private final List<Origin> origins;
    private final Deadline deadline;
    private final ExchangeRecord record;
    private InFlight inFlight;
    private BodyStream body;
    private OriginRequest streamed;
    private boolean clientGone;
    /** The cache entry this request reads or fills; null: the cache is not used. */
    private String cacheKey;
    /** This request fetches the key for everyone waiting on it ({@link EdgeCache#join}). */
    private boolean leader;
    private CacheFill fill;
    private long lifetimeSeconds;
    private String cacheStatus;
    private String cacheResult;
    private boolean woken;
    private long joinTimer = -1;

    Exchange(Exchanges parts, HttpServerRequest incoming, String pop, KeyPath key, List<Origin> origins,
            Deadline deadline, ExchangeRecord record) {
        this.parts = parts;
        this.incoming = incoming;
        this.pop = pop;
        this.key = key;
        this.origins = origins;
        this.deadline = deadline;
        this.record = record;
    }

    void start() {
        HttpServerResponse client = incoming.response();
        client.closeHandler(ignored -> clientGone());
        client.exceptionHandler(ignored -> clientGone());
        if (cacheable()) {
            cacheKey = EdgeCache.key(origins.stream().map(Origin::name).toList(), key.raw(), null);
            lookup(incoming.method() == HttpMethod.GET); // a HEAD is answered by an entry, never waits or fills
            return;
        }
        cacheStatus = "OriginEdge; fwd=bypass";
        cacheResult = parts.cache.enabled() ? "BYPASS" : null;
        fetch();
    }

    /** A GET or HEAD for the whole object, with no validators of the client's own: the cache can answer it. */
    private boolean cacheable() {
        HttpMethod method = incoming.method();
        return parts.cache.enabled() && (method == HttpMethod.GET || method == HttpMethod.HEAD)
                && !incoming.headers().contains("range")
                && !incoming.headers().contains("if-none-match") && !incoming.headers().contains("if-modified-since");
    }

    /** A fresh entry answers; else this request fills the key, or waits for the request that does. */
    private void lookup(boolean mayJoin) {
        CacheEntry entry = parts.cache.get(cacheKey);
        long now = System.currentTimeMillis();
        if (entry != null && entry.ttlSeconds(now) > 0) {
            cacheResult = mayJoin ? "HIT" : "COLLAPSED"; // a request that waited for another's fill
            parts.cached.hit(this, entry, now);
            return;
        }
        if (incoming.method() == HttpMethod.HEAD) {
            cacheStatus = "OriginEdge; fwd=bypass"; // a HEAD miss goes to the origin and stores nothing
            cacheResult = "BYPASS";
            fetch();
            return;
        }
        if (mayJoin) {
            Context context = Vertx.currentContext();
            if (!parts.cache.join(cacheKey, () -> context.runOnContext(ignored -> woken()))) {
                // A slow fill (its client reads slowly, and the fill goes at its pace) must not hold the others
                // for ever: after edge.origin-timeout they ask for themselves.
                joinTimer = context.owner().setTimer(parts.joinWaitMillis, ignored -> woken());
                return;
            }
            leader = true;
        }
        cacheStatus = mayJoin ? "OriginEdge; fwd=uri-miss" : "OriginEdge; fwd=uri-miss; collapsed";
        cacheResult = "MISS";
        fetch();
    }

    /** The fill this request waited for ended, or the wait did: a hit now, or an attempt of its own. */
    private void woken() {
        if (woken) {
            return;
        }
        woken = true;
        Vertx.currentContext().owner().cancelTimer(joinTimer);
        if (!clientGone) {
            lookup(false);
        }
    }

    private void fetch() {
        inFlight(parts.attempts.fetch(origins, origin -> parts.requests.object(origin, incoming.method().name(), key,
                incoming.headers(), incoming.query(), pop), deadline, record, this::fetched));
    }

    private void fetched(AttemptOutcome outcome) {
        inFlight = null;
        if (outcome instanceof AttemptOutcome.Answered answered) {
            answered(answered.request(), answered.response());
        } else if (outcome instanceof AttemptOutcome.PassedOver passed) {
            // Every later origin failed: a real answer tells the client (and the operator) more than a 502.
            parts.site.answer(this, new PendingError(passed.status(), passed.headers(), passed.request(),
                    passed.request().origin(), reason(passed.status())));
        } else if (outcome instanceof AttemptOutcome.Unreachable unreachable) {
            parts.site.answer(this, new PendingError(unreachable.failure().status(), null, null, null,
                    unreachable.failure().getMessage())); // an inline page at most
        } else if (outcome instanceof AttemptOutcome.NothingToAsk nothing) {
            parts.site.answer(this, new PendingError(404, null, null, nothing.origin(), reason(404)));
        }
    }

    private void answered(OriginRequest request, HttpClientResponse response) {
        int status = response.statusCode();
        switch (AnswerPolicy.of(request.origin().provider(), status)) {
            case STREAM -> parts.responses.object(this, request, response, status);
            case WEB_REDIRECT -> parts.responses.webRedirect(this, request, response, status);
            case MISCONFIGURED -> {
                parts.attempts.misconfigured(request, response);
                parts.site.answer(this, new PendingError(502, null, request, null,
                        "Origin " + request.origin().name() + " is misconfigured"));
            }
            case ERROR -> parts.site.answer(this, new PendingError(status, response.headers(), request,
                    request.origin(), reason(status))); // the body is being drained
        }
    }

    /** Starts origin work that a client going away must cancel; null: nothing is in flight any more. */
    void inFlight(InFlight work) {
        inFlight = work;
        if (work != null) {
            work.start();
        }
    }

    /** The answer's body starts to flow. */
    void streaming(OriginRequest request, BodyStream stream) {
        streamed = request;
        body = stream;
        stream.start();
    }

    private void clientGone() {
        if (clientGone) {
            return;
        }
        clientGone = true;
        if (body != null) {
            body.clientGone();
        } else if (inFlight != null) {
            inFlight.cancel();
            inFlight = null;
            finish(ExchangeRecord.CLIENT_CLOSED_REQUEST, "none", true, false);
        } else if (joinTimer != -1 && !woken) {
            woken = true; // it waited for another's fill: nothing of its own to cancel
            Vertx.currentContext().owner().cancelTimer(joinTimer);
            finish(ExchangeRecord.CLIENT_CLOSED_REQUEST, "none", true, false);
        }
    }

    void finish(int status, String origin, boolean clientAbort, boolean originAbort) {
        if (leader) {
            leader = false;
            parts.cache.filled(cacheKey); // stored or not: whoever waited looks again
        }
        if (cacheResult != null) {
            parts.cache.count(cacheResult);
            record.cache(cacheResult);
            cacheResult = null;
        }
        record.finish(status, origin, clientAbort, originAbort);
    }

    /** The head of an answer that may be stored is being written: Cache-Status, and a copy of the body. */
    BodyStream filling(BodyStream stream, int status, long lifetimeSeconds) {
        if (willStore(status, lifetimeSeconds)) {
            fill = new CacheFill(declaredLength(), parts.cache.maxObjectSize());
            this.lifetimeSeconds = lifetimeSeconds;
            stream.copyTo(fill);
        } else if (leader) {
            leader = false;
            parts.cache.filled(cacheKey); // nothing to wait for: the others ask at once, side by side
        }
        return stream;
    }

    /** This answer, its head as set, goes into the cache if its body arrives whole. */
    boolean willStore(int status, long lifetimeSeconds) {
        return cacheKey != null && status == 200 && lifetimeSeconds > 0 && incoming.method() == HttpMethod.GET
                && declaredLength() <= parts.cache.maxObjectSize();
    }

    private long declaredLength() {
        String length = client().headers().get("content-length");
        return length == null ? -1 : parseLength(length);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** What Cache-Status says of this response (RFC 9211). */
    String cacheStatus() {
        return cacheStatus;
    }

    /** A stored answer went out: no origin was asked. */
    void served(int status, String origin) {
        finish(status, origin, false, false);
    }

    @Override
    public void completed() {
        if (fill != null) {
            ByteBuffer body = fill.complete();
            fill = null;
            if (body != null) {
                store(body);
                cacheResult = "STORED";
            }
        }
        finish(client().getStatusCode(), streamed.origin().name(), false, false);
    }

    @Override
    public void originBroke(long bytes, Throwable cause, boolean clientStalled) {
        if (clientStalled) {
            parts.log.debugf("Client stopped reading for edge.idle-timeout after %d bytes: connection reset", bytes);
            finish(client().getStatusCode(), streamed.origin().name(), true, false);
            return;
        }
        parts.attempts.bodyBroke(streamed, bytes, cause);
        finish(client().getStatusCode(), streamed.origin().name(), false, true);
    }

    @Override
    public void clientLeft() {
        finish(client().getStatusCode(), streamed.origin().name(), true, false);
    }

    private void store(ByteBuffer body) {
        HttpServerResponse client = client();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : client.headers()) {
            String name = h.getKey().toLowerCase(java.util.Locale.ROOT);
            // CORS headers answer this request's Origin: the filter sets them again on every hit
            if (!CachedResponses.OF_THE_MOMENT.contains(name) && !name.startsWith("access-control-")) {
                headers.add(Map.entry(h.getKey(), h.getValue()));
            }
        }
        long age = Math.max(0, parseLength(String.valueOf(client.headers().get("age"))));
        parts.cache.put(cacheKey, new CacheEntry(client.getStatusCode(), headers, body, streamed.origin().name(),
                streamed.hostHeader(), System.currentTimeMillis(), age == Long.MAX_VALUE ? 0 : age, lifetimeSeconds));
    }

    HttpServerRequest incoming() {
        return incoming;
    }

    HttpServerResponse client() {
        return incoming.response();
    }

    KeyPath key() {
        return key;
    }

    String pop() {
        return pop;
    }

    Deadline deadline() {
        return deadline;
    }

    private static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
