package dev.originedge.proxy;

import dev.originedge.telemetry.AccessLog;
import dev.originedge.telemetry.EdgeMetrics;
import dev.originedge.telemetry.ExchangeSummary;
import io.vertx.core.http.HttpServerRequest;

/**
 * The bookkeeping of one client request: when it started, how many origin requests it made, when the answer's
 * headers came, and its one access log line and metrics, written once whichever way it ends.
 */
final class ExchangeRecord {

    /** Status logged for a client that went away before any response: nginx's "client closed request". */
    static final int CLIENT_CLOSED_REQUEST = 499;

    private final AccessLog accessLog;
    private final EdgeMetrics metrics;
    private final HttpServerRequest incoming;
    private final String pop;
    private final long startedAt = System.nanoTime();
    private long ttfb = -1;
    private int attempts;
    private String cache;
    private boolean finished;

    ExchangeRecord(AccessLog accessLog, EdgeMetrics metrics, HttpServerRequest incoming, String pop) {
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.incoming = incoming;
        this.pop = pop;
    }

    /** An origin request goes out (failovers and the stale-connection retry count). */
    void attempted() {
        attempts++;
    }

    /** An origin's response headers arrived: the time to first byte, as the client will see it. */
    void answered() {
        ttfb = System.nanoTime() - startedAt;
    }

    /** No origin gave an answer after all: there is no time to first byte. */
    void unanswered() {
        ttfb = -1;
    }

    /** What the edge cache made of the request (HIT, MISS, STORED, COLLAPSED, BYPASS); null: not used. */
    void cache(String result) {
        cache = result;
    }

    /** Once per request: the access log line and the metrics. */
    void finish(int status, String origin, boolean clientAbort, boolean originAbort) {
        if (finished) {
            return;
        }
        finished = true;
        ExchangeSummary summary = new ExchangeSummary(incoming.method().name(), incoming.path(), pop, origin,
                status, incoming.response().bytesWritten(), System.nanoTime() - startedAt, ttfb, attempts,
                clientAbort, originAbort, cache);
        accessLog.finished(summary);
        metrics.finished(summary);
    }
}
