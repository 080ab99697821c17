package dev.originedge.proxy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import dev.originedge.origin.OriginRequest;
import io.quarkus.runtime.Startup;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Sends one request to one origin with a non-blocking Vert.x client and hands back the response paused, so
 * that its body flows only as fast as the client reads it. Connects to the origin's address (or
 * {@code connect-to}) and nowhere else. Two timeouts: connecting ({@code edge.connect-timeout}) and the
 * response headers (the caller's, at most {@code edge.origin-timeout}, from the moment the request is queued); a
 * stalled body is {@link BodyStream}'s or {@link Drain}'s. Behind those, every origin connection that moves no byte
 * for longer than {@code edge.idle-timeout} (and the header wait) is closed by the client itself, so that no
 * read of an origin, whoever forgot it, can pin a pooled connection for good.
 */
@Startup // built before the first request, which is the one a cold start is judged by
@ApplicationScoped
public class OriginClient {

    private static final Logger LOG = Logger.getLogger(OriginClient.class);

    /**
     * Idle pooled connections are closed after this many seconds: below the keep-alive timeouts origins commonly
     * use (5 s for Apache httpd and Node.js, more for S3, nginx and B2), so that the proxy, not the origin,
     * closes an idle connection, and a request is never sent on a connection the origin is closing.
     */
    static final int POOL_KEEP_ALIVE_SECONDS = 4;

    private final Vertx vertx;
    private final HttpClient client;

    @Inject
    public OriginClient(Vertx vertx, EdgeConfig config) {
        this.vertx = vertx;
        // The backstop: longer than the waits that are timed on purpose, so that those decide what happened.
        long idleBackstopMs = Math.max(config.idleTimeout().toMillis(), config.originTimeout().toMillis()) + 1000;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(POOL_KEEP_ALIVE_SECONDS)
                .setMaxPoolSize(config.pool().maxConnections())
                .setMaxWaitQueueSize(config.pool().maxWaiting())
                .setDecompressionSupported(false) // pass Content-Encoding through untouched
                .setForceSni(true)
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, idleBackstopMs))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                // The TCP (and TLS) connect: a black-holed origin is a connect failure, failed over quickly.
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis())));
        // A connection's failure also reaches the request or response on it, which decides what it means;
        // without a handler Vert.x would log every origin reset as an ERROR of its own.
        client.connectionHandler(connection -> connection.exceptionHandler(
                e -> LOG.debugf("Origin connection %s: %s", connection.remoteAddress(), e.toString())));
    }

    /**
     * Sends the request; {@code done} gets the paused response or an {@link OriginException}, exactly once,
     * unless the returned handle cancels the request first (the client went away).
     *
     * @param timeoutMs how long the response headers may take, waiting for a pooled connection included
     */
    public Runnable send(OriginRequest request, long timeoutMs, Handler<AsyncResult<HttpClientResponse>> done) {
        Attempt attempt = new Attempt(request, timeoutMs, done);
        attempt.start();
        return attempt::cancel;
    }

    /** One request's life until its response headers; everything runs on the caller's event loop. */
    private final class Attempt {
        private final OriginRequest request;
        private final long timeoutMs;
        private final Handler<AsyncResult<HttpClientResponse>> done;
        private HttpClientRequest sent;
        private long timer;
        private boolean finished;

        Attempt(OriginRequest request, long timeoutMs, Handler<AsyncResult<HttpClientResponse>> done) {
            this.request = request;
            this.timeoutMs = Math.max(1, timeoutMs);
            this.done = done;
        }

        void start() {
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.valueOf(request.method()))
                    .setServer(SocketAddress.inetSocketAddress(request.origin().connectPort(),
                            request.origin().connectHost()))
                    .setHost(request.origin().serverName())
                    .setPort(request.origin().hostPort())
                    .setSsl(request.origin().tls())
                    .setURI(request.uri());
            request.headers().forEach(options::putHeader);
            // One timer from queueing to response headers: waiting for a pooled connection counts too.
            timer = vertx.setTimer(timeoutMs, id -> fail(OriginException.Kind.TIMED_OUT, null));
            client.request(options).onComplete(connected -> {
                if (connected.failed()) {
                    fail(connected.cause() instanceof ConnectionPoolTooBusyException ? OriginException.Kind.BUSY
                            : OriginException.Kind.UNREACHABLE, connected.cause());
                    return;
                }
                HttpClientRequest obtained = connected.result();
                // Resetting a request (timed out, the client went away, a broken body) fails it with "Stream
                // reset"; the outcome is already decided by then, and without a handler Vert.x logs it as an ERROR.
                obtained.exceptionHandler(e -> LOG.debugf("Origin request to %s ended: %s",
                        request.origin().name(), e.toString()));
                if (finished) {
                    obtained.reset(); // timed out or cancelled while connecting: give it back
                } else {
                    sent = obtained;
                    sent.send().onComplete(this::answered);
                }
            });
        }

        private void answered(AsyncResult<HttpClientResponse> answer) {
            if (finished) {
                return; // the request was reset when it finished; nothing to give back
            }
            if (answer.failed()) {
                fail(answer.cause() instanceof TimeoutException ? OriginException.Kind.TIMED_OUT
                        : OriginException.Kind.CLOSED, answer.cause());
                return;
            }
            finished = true;
            vertx.cancelTimer(timer);
            HttpClientResponse response = answer.result();
            response.pause();
            done.handle(Future.succeededFuture(response));
        }

        private void fail(OriginException.Kind kind, Throwable cause) {
            if (!finished) {
                stop();
                done.handle(Future.failedFuture(new OriginException(kind, request, cause)));
            }
        }

        void cancel() {
            if (!finished) {
                stop();
            }
        }

        private void stop() {
            finished = true;
            vertx.cancelTimer(timer);
            if (sent != null) {
                sent.reset(); // no response yet: this connection cannot be reused, close it
            }
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
