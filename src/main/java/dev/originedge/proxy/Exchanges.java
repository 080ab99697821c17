package dev.originedge.proxy;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.originedge.cache.EdgeCache;
import dev.originedge.config.EdgeConfig;
import dev.originedge.origin.Origin;
import dev.originedge.telemetry.AccessLog;
import dev.originedge.telemetry.EdgeMetrics;
import io.vertx.core.http.HttpServerRequest;

/** Starts one {@link Exchange} per client request, with the parts every exchange shares. */
@Singleton
public class Exchanges {

    final Logger log = Logger.getLogger(Exchange.class);
    final OriginAttempts attempts;
    final OriginRequests requests;
    final SiteAnswers site;
    final ClientResponses responses;
    final EdgeCache cache;
    final CachedResponses cached;
    private final AccessLog accessLog;
    private final EdgeMetrics metrics;
    private final long budgetNanos;
    /** How long a miss waits for another request's fill of the same key before it asks an origin itself. */
    final long joinWaitMillis;

    @Inject
    public Exchanges(OriginAttempts attempts, OriginRequests requests, SiteAnswers site, ClientResponses responses,
            EdgeCache cache, CachedResponses cached, AccessLog accessLog, EdgeMetrics metrics, EdgeConfig config) {
        this.cache = cache;
        this.cached = cached;
        this.attempts = attempts;
        this.requests = requests;
        this.site = site;
        this.responses = responses;
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.budgetNanos = config.exchangeTimeout().toNanos();
        this.joinWaitMillis = config.originTimeout().toMillis();
    }

    /**
     * @param pop     the POP the request is served at (for edge-auth, the access log and metrics)
     * @param key     the object the request names
     * @param origins the origins to try, in order
     */
    public void start(HttpServerRequest incoming, String pop, KeyPath key, List<Origin> origins) {
        new Exchange(this, incoming, pop, key, origins, Deadline.after(budgetNanos),
                new ExchangeRecord(accessLog, metrics, incoming, pop)).start();
    }
}
