package dev.originedge.proxy;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import dev.originedge.origin.LatencyRanking;
import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginHealth;
import dev.originedge.origin.OriginRequest;
import dev.originedge.signing.RequestAuthorizer;
import dev.originedge.site.CachePolicy;
import dev.originedge.site.ErrorPages;
import dev.originedge.site.SiteRules;
import dev.originedge.telemetry.AccessLog;
import dev.originedge.telemetry.EdgeMetrics;
import dev.originedge.telemetry.ExchangeSummary;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
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
 * <p>
 * An error status that would go to the client (after failover) is looked at once more, in this order: a
 * directory redirect ({@code /docs} -> {@code /docs/} when {@code docs/index.html} exists), the single-page
 * app's document, then an error page ({@link SiteRules}, {@link ErrorPages}). Each is one more signed request to
 * the origin that gave the answer, without the client's range or conditional headers; none of them recurses,
 * and an origin that could not be reached gets no more requests (only an inline page).
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
    @Inject
    SiteRules site;
    @Inject
    ErrorPages errorPages;
    @Inject
    CachePolicy cache;
    @Inject
    OriginRequestFactory requests;
    @Inject
    RequestAuthorizer authorizer;

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
     * @param key     the object the request names
     * @param prepare builds and signs the request for one origin
     */
    public void run(HttpServerRequest incoming, String pop, KeyPath key, List<Origin> origins,
            Function<Origin, OriginRequest> prepare) {
        new Exchange(incoming, pop, key, origins, prepare).start();
    }

    /** The site's extra requests (probe, fallback document, error page) carry no client header. */
    private static final UnaryOperator<String> NO_CLIENT_HEADERS = name -> null;

    /** What the request in flight asks for. */
    private enum Step {
        /** The object, from each origin in turn (failover). */
        OBJECT,
        /** HEAD of {@code path/index.html}: is this a directory? */
        PROBE,
        /** The single-page app's document. */
        FALLBACK,
        /** The error page object. */
        ERROR_PAGE
    }

    /** Status logged for a client that went away before any response: nginx's "client closed request". */
    static final int CLIENT_CLOSED_REQUEST = 499;

    /** One client request's way through its origins; runs on the client connection's event loop. */
    private final class Exchange implements BodyStream.Outcome {
        private final HttpServerRequest incoming;
        private final HttpServerResponse client;
        private final String pop;
        private final KeyPath key;
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
        private Step step = Step.OBJECT;
        private boolean sideRetried;
        /** The error status the client gets unless a redirect or the fallback document answers instead. */
        private int errorStatus;
        /** The origin's headers for it; null when no origin answered (or its answer was unusable). */
        private MultiMap errorHeaders;
        /** The request whose answer it is, null when no origin answered. */
        private OriginRequest errorAnswer;
        /** Where the site's extra requests go; null when the origin could not be reached. */
        private Origin sideOrigin;
        private String errorMessage;
        private ErrorPages.Page errorPage;

        Exchange(HttpServerRequest incoming, String pop, KeyPath key, List<Origin> origins,
                Function<Origin, OriginRequest> prepare) {
            this.incoming = incoming;
            this.pop = pop;
            this.key = key;
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
            Origin origin = origins.get(index);
            if (key.directory() && origin.provider().bucket()) {
                // A path ending in / and no index document: no object to ask a bucket for, never a listing.
                error(404, null, null, origin, reason(404));
                return;
            }
            request = prepare.apply(origin);
            attempts++;
            sentAt = System.nanoTime();
            cancel = originClient.send(request, this::answered);
        }

        private void answered(AsyncResult<HttpClientResponse> result) {
            cancel = null;
            if (step != Step.OBJECT) {
                sideAnswered(result);
                return;
            }
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
                error(lastAnswer.status(), lastAnswer.headers(), lastAnswer.request(), lastAnswer.request().origin(),
                        reason(lastAnswer.status()));
            } else {
                ttfb = -1;
                error(e.status(), null, null, null, e.getMessage()); // unreachable: an inline page at most
            }
        }

        private void next() {
            metrics.failover(origins.get(index).name(), origins.get(index + 1).name());
            index++;
            retried = false;
            attempt();
        }

        private void respond(HttpClientResponse response, int status) {
            if (status >= 300 && status < 400 && status != 304 && !request.origin().provider().bucket()) {
                // A web app's own redirect (login, trailing slash): passed on, its Location kept at the edge.
                responses.head(status, response.headers(), request, client);
                WebRedirects.keepAtEdge(request.origin(), client.headers());
                cache.stored(key.path(), client.headers());
                stream(response, status);
                return;
            }
            if (status >= 300 && status < 400 && status != 304) {
                // S3 redirects only when the endpoint or region is wrong; its Location would lead clients around us.
                drain(response);
                errors.failure(request.origin().name(), "redirect", "Origin " + request.origin().name()
                        + " answered " + status + ": check edge.origins." + request.origin().name()
                        + ".endpoint and region");
                error(502, null, request, null, "Origin " + request.origin().name() + " is misconfigured");
                return;
            }
            if (status >= 400) {
                error(status, response.headers(), request, request.origin(), reason(status)); // body drained
                return;
            }
            responses.head(status, response.headers(), request, client);
            cache.stored(key.path(), client.headers());
            stream(response, status);
        }

        /** Streams an answer whose status and headers are set (HEAD, 304 and 204 without a body). */
        private void stream(HttpClientResponse response, int status) {
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

        // The site's steps for an error answer: redirect, fallback document, error page, each at most once.

        /**
         * An error status is on its way to the client: a directory redirect, the single-page app's document or
         * an error page may answer instead.
         *
         * @param headers  the origin's headers for it, or null
         * @param answered the request whose answer it is, or null
         * @param sides    the origin the extra requests go to; null: none (it could not be reached)
         */
        private void error(int status, MultiMap headers, OriginRequest answered, Origin sides, String message) {
            errorStatus = status;
            errorHeaders = headers;
            errorAnswer = answered;
            sideOrigin = sides;
            errorMessage = message;
            if (sides != null && sides.provider().bucket() && site.probesDirectory(incoming.path(), status)) {
                side(Step.PROBE, key.indexBelow(site.indexDocument()), "HEAD");
            } else {
                fallbackOrErrorPage();
            }
        }

        private void fallbackOrErrorPage() {
            if (sideOrigin != null && site.fallsBack(incoming.method().name(), key.path(), errorStatus)) {
                side(Step.FALLBACK, KeyPath.ofKey(site.fallbackDocument()), incoming.method().name());
            } else {
                errorPage();
            }
        }

        private void errorPage() {
            errorPage = errorPages.forStatus(errorStatus);
            if (errorPage != null && errorPage.objectKey() != null && sideOrigin != null) {
                side(Step.ERROR_PAGE, KeyPath.ofKey(errorPage.objectKey()), incoming.method().name());
            } else {
                inlineOrPlain();
            }
        }

        /** One more signed request to the origin that answered: the object's own client headers stay here. */
        private void side(Step purpose, KeyPath sideKey, String method) {
            step = purpose;
            sideRetried = false;
            request = authorizer.authorize(requests.build(sideOrigin, method, sideKey, NO_CLIENT_HEADERS, null), pop);
            cancel = originClient.send(request, this::answered);
        }

        private void sideAnswered(AsyncResult<HttpClientResponse> result) {
            HttpClientResponse response = null;
            if (result.failed()) {
                OriginException e = (OriginException) result.cause();
                if (e.kind() == OriginException.Kind.CLOSED && !sideRetried) {
                    sideRetried = true; // a pooled connection the origin just closed: once more
                    cancel = originClient.send(request, this::answered);
                    return;
                }
                LOG.debugf("%s request to origin %s failed: %s", step, request.origin().name(), e.getMessage());
            } else {
                response = result.result();
            }
            boolean found = response != null && response.statusCode() >= 200 && response.statusCode() < 300;
            if (response != null && (!found || step == Step.PROBE)) {
                drain(response);
            }
            switch (step) {
                case PROBE -> {
                    if (found) {
                        redirect();
                    } else {
                        fallbackOrErrorPage();
                    }
                }
                case FALLBACK -> {
                    if (found) {
                        responses.head(200, response.headers(), request, client);
                        cache.stored(key.path(), client.headers());
                        stream(response, 200);
                    } else {
                        errorPage();
                    }
                }
                case ERROR_PAGE -> {
                    if (found) {
                        errorObject(response);
                    } else {
                        inlineOrPlain();
                    }
                }
                default -> throw new IllegalStateException(step.name());
            }
        }

        /** {@code 301} to the directory, the client's query string kept. */
        private void redirect() {
            String location = SiteRules.location(incoming.path(), key.encoded(), incoming.query());
            if (location == null) {
                fallbackOrErrorPage(); // "//host" would send the client to another site
                return;
            }
            responses.head(301, MultiMap.caseInsensitiveMultiMap(), request, client); // Date, X-B2-Host
            client.putHeader("Location", location);
            cache.redirect(key.path(), client.headers());
            client.end();
            finish(301, request.origin().name(), false, false);
        }

        /** The error page object, with the original status and the page's own type and length. */
        private void errorObject(HttpClientResponse page) {
            errorHead(request);
            MultiMap headers = page.headers();
            String type = headers.get("content-type");
            client.putHeader("Content-Type", type != null ? type : errorPage.contentType());
            for (String name : new String[] { "Content-Length", "Content-Encoding" }) {
                String value = headers.get(name);
                if (value != null) {
                    client.putHeader(name, value);
                }
            }
            cache.error("/" + errorPage.objectKey(), client.headers());
            stream(page, errorStatus);
        }

        /** The inline error page, else the short plain-text line. */
        private void inlineOrPlain() {
            errorHead(errorHeaders != null ? errorAnswer : null);
            if (errorPage != null && errorPage.body() != null) {
                client.putHeader("Content-Type", errorPage.contentType());
                cache.error(null, client.headers());
                ProxyErrors.page(client, incoming.method() == HttpMethod.HEAD, errorPage.body());
            } else {
                cache.error(null, client.headers());
                ProxyErrors.text(client, errorStatus, errorMessage);
            }
            finish(errorStatus, errorAnswer != null ? errorAnswer.origin().name() : "none", false, false);
        }

        /** The error's status, and the origin's headers for it when there are any (less those of its body). */
        private void errorHead(OriginRequest from) {
            if (client.closed() || client.ended() || client.headWritten()) {
                return;
            }
            if (errorHeaders != null) {
                responses.head(errorStatus, errorHeaders, from, client);
            } else {
                client.setStatusCode(errorStatus);
                if (from != null) {
                    client.putHeader(OriginResponses.X_B2_HOST, from.hostHeader());
                }
            }
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
