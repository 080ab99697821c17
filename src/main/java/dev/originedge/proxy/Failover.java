package dev.originedge.proxy;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import dev.originedge.origin.LatencyRanking;
import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginHealth;
import dev.originedge.origin.OriginRequest;
import dev.originedge.telemetry.AccessLog;
import dev.originedge.telemetry.EdgeMetrics;
import dev.originedge.telemetry.ExchangeSummary;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * Sends a GET or HEAD to the request's origins in order until one gives an answer worth passing on, then
 * streams that answer. The next origin is tried when the connection fails, no response headers arrive in
 * time, or the status is one of {@code edge.failover.statuses}; all of that happens before any byte goes to
 * the client, so a failover is invisible to it. A connection that closes before the response begins (a pooled
 * keep-alive connection the origin just closed) is retried once on the same origin first. Every outcome feeds
 * passive health and the latency ranking.
 */
@ApplicationScoped
public class Failover {

    private static final Logger LOG = Logger.getLogger(Failover.class);

    @Inject
    OriginClient originClient;
    @Inject
    OriginResponses responses;
    @Inject
    OriginHealth health;
    @Inject
    LatencyRanking ranking;
    @Inject
    OriginErrorLog errors;
    @Inject
    Vertx vertx;
    @Inject
    EdgeMetrics metrics;
    @Inject
    AccessLog accessLog;

    private final Set<Integer> failoverStatuses;
    private final long originTimeoutNanos;
    private final long idleTimeoutNanos;

    @Inject
    public Failover(EdgeConfig config) {
        this.failoverStatuses = Set.copyOf(config.failover().statuses());
        this.originTimeoutNanos = config.originTimeout().toNanos();
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
    }

    /**
     * @param pop     the POP the request is served at (for the access log and metrics)
     * @param prepare builds and signs the request for one origin
     */
    public void run(HttpServerRequest incoming, String pop, List<Origin> origins,
            Function<Origin, OriginRequest> prepare) {
        new Exchange(incoming, pop, origins, prepare).start();
    }

    /** Status logged for a client that went away before any response: nginx's "client closed request". */
    static final int CLIENT_CLOSED_REQUEST = 499;

    /** One client request's way through its origins; runs on the client connection's event loop. */
    private final class Exchange implements BodyStream.Outcome {
        private final HttpServerRequest incoming;
        private final HttpServerResponse client;
        private final String pop;
        private final List<Origin> origins;
        private final Function<Origin, OriginRequest> prepare;
        private final long startedAt = System.nanoTime();
        private long ttfb = -1;
        private int attempts;
        private boolean finished;
        private int index;
        private boolean retried;
        private OriginRequest request;
        private long sentAt;
        private Runnable cancel;
        private BodyStream body;
        private boolean clientGone;
        private boolean closeAtEnd;
        /** The last real answer that was passed over, for when no later origin does better. */
        private Passed lastAnswer;

        Exchange(HttpServerRequest incoming, String pop, List<Origin> origins,
                Function<Origin, OriginRequest> prepare) {
            this.incoming = incoming;
            this.pop = pop;
            this.client = incoming.response();
            this.origins = origins;
            this.prepare = prepare;
        }

        void start() {
            client.closeHandler(ignored -> clientGone());
            client.exceptionHandler(ignored -> clientGone());
            attempt();
        }

        private void attempt() {
            request = prepare.apply(origins.get(index));
            attempts++;
            sentAt = System.nanoTime();
            cancel = originClient.send(request, this::answered);
        }

        private void answered(AsyncResult<HttpClientResponse> result) {
            cancel = null;
            Origin origin = request.origin();
            if (result.failed()) {
                failed((OriginException) result.cause());
                return;
            }
            HttpClientResponse response = result.result();
            int status = response.statusCode();
            long now = System.nanoTime();
            ranking.record(origin, now - sentAt);
            ttfb = now - startedAt;
            if (status >= 500) {
                health.failed(origin);
            } else {
                health.succeeded(origin);
            }
            if (status >= 400) {
                errors.errorStatus(response, request); // reads S3's error code, logs, drains
            }
            if (failoverStatuses.contains(status) && index + 1 < origins.size()) {
                LOG.debugf("Origin %s answered %d: trying %s", origin.name(), status, origins.get(index + 1).name());
                lastAnswer = new Passed(status, MultiMap.caseInsensitiveMultiMap().addAll(response.headers()), request);
                if (status < 400) {
                    drain(response);
                }
                next();
                return;
            }
            respond(response, status);
        }

        private void failed(OriginException e) {
            Origin origin = request.origin();
            if (e.kind() == OriginException.Kind.CLOSED && !retried) {
                retried = true;
                LOG.debugf("Origin %s closed a connection before answering: retrying once", origin.name());
                attempt();
                return;
            }
            if (e.kind() != OriginException.Kind.BUSY) {
                health.failed(origin);
            }
            if (e.kind() == OriginException.Kind.TIMED_OUT) {
                ranking.record(origin, originTimeoutNanos);
            }
            errors.failure(origin.name(), e.kind().name(),
                    e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            if (index + 1 < origins.size()) {
                next();
            } else if (lastAnswer != null) {
                // Every origin failed: a real answer tells the client (and the operator) more than a 502.
                responses.head(lastAnswer.status(), lastAnswer.headers(), lastAnswer.request(), client);
                ProxyErrors.text(client, lastAnswer.status(), reason(lastAnswer.status()));
                finish(lastAnswer.status(), lastAnswer.request().origin().name(), false, false);
            } else {
                ProxyErrors.text(client, e.status(), e.getMessage());
                ttfb = -1;
                finish(e.status(), "none", false, false);
            }
        }

        private void next() {
            metrics.failover(origins.get(index).name(), origins.get(index + 1).name());
            index++;
            retried = false;
            attempt();
        }

        private void respond(HttpClientResponse response, int status) {
            if (status >= 300 && status < 400 && status != 304) {
                // S3 redirects only when the endpoint or region is wrong; its Location would lead clients around us.
                drain(response);
                errors.failure(request.origin().name(), "redirect", "Origin " + request.origin().name()
                        + " answered " + status + ": check edge.origins." + request.origin().name()
                        + ".endpoint and region");
                ProxyErrors.text(client, 502, "Origin " + request.origin().name() + " is misconfigured");
                finish(502, request.origin().name(), false, false);
                return;
            }
            responses.head(status, response.headers(), request, client);
            if (status >= 400) {
                ProxyErrors.text(client, status, reason(status)); // the body was drained by the error log
                finish(status, request.origin().name(), false, false);
                return;
            }
            boolean bodiless = request.method().equals("HEAD") || status == 304 || status == 204;
            if (bodiless) {
                drain(response);
                client.end();
                finish(status, request.origin().name(), false, false);
                return;
            }
            if (!client.headers().contains("content-length")) {
                if (incoming.version() == HttpVersion.HTTP_1_0) {
                    // No chunked encoding in HTTP/1.0: the end of the connection is the end of the body.
                    client.putHeader("Connection", "close");
                    closeAtEnd = true;
                } else {
                    client.setChunked(true); // the origin streams without a length: so do we
                }
            }
            body = new BodyStream(vertx, idleTimeoutNanos, response, client, this);
            body.start();
        }

        private void clientGone() {
            if (clientGone) {
                return;
            }
            clientGone = true;
            if (cancel != null) {
                cancel.run();
                cancel = null;
                LOG.debugf("Client went away before origin %s answered", request.origin().name());
                finish(CLIENT_CLOSED_REQUEST, "none", true, false);
            } else if (body != null) {
                body.clientGone();
            }
        }

        @Override
        public void completed() {
            finish(client.getStatusCode(), request.origin().name(), false, false);
        }

        /** Ends the client response; closes the connection afterwards when the body had no length. */
        @Override
        public void end() {
            if (closeAtEnd) {
                client.end().onComplete(ignored -> incoming.connection().close());
            } else {
                client.end();
            }
        }

        @Override
        public void originBroke(long bytes, Throwable cause, boolean clientStalled) {
            if (clientStalled) {
                LOG.debugf("Client stopped reading for edge.idle-timeout after %d bytes: connection closed", bytes);
                finish(client.getStatusCode(), request.origin().name(), true, false);
                return;
            }
            health.failed(request.origin());
            errors.failure(request.origin().name(), "broken body", "Origin " + request.origin().name()
                    + " broke off a body after " + bytes + " bytes (" + cause + "): the client connection was closed");
            finish(client.getStatusCode(), request.origin().name(), false, true);
        }

        @Override
        public void clientLeft() {
            finish(client.getStatusCode(), request.origin().name(), true, false);
        }

        /** Once per request: the access log line and the metrics. */
        private void finish(int status, String origin, boolean clientAbort, boolean originAbort) {
            if (finished) {
                return;
            }
            finished = true;
            ExchangeSummary summary = new ExchangeSummary(incoming.method().name(), incoming.path(), pop, origin,
                    status, client.bytesWritten(), System.nanoTime() - startedAt, ttfb, attempts, clientAbort,
                    originAbort);
            accessLog.finished(summary);
            metrics.finished(summary);
        }
    }

    /** Reads and drops a body nobody gets, so that its connection goes back to the pool. */
    private static void drain(HttpClientResponse response) {
        response.handler(ignored -> {
        }).exceptionHandler(ignored -> {
        }).resume();
    }

    private static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    /** An origin's answer that was passed over for the next origin: its status and headers, not its body. */
    private record Passed(int status, MultiMap headers, OriginRequest request) {
    }
}
