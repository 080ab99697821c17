package dev.originedge.proxy;

import org.jboss.logging.Logger;

import dev.originedge.cache.CacheFill;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams one origin body to one client with back-pressure (the origin is read only as fast as the client
 * takes it, so no object is ever held in memory), and makes every way it can end explicit:
 * <ul>
 * <li>the origin ends: the client response ends once its last bytes are written (the only clean end; for a
 * body without a length to an HTTP/1.0 client, the connection closes after it);</li>
 * <li>the origin breaks off (closed early, reset, or no progress for {@code edge.idle-timeout}): the client
 * connection is reset (HTTP/1.1: closed before the declared length or the last chunk; HTTP/2: RST_STREAM), so
 * that no client or cache takes a truncated object for a whole one;</li>
 * <li>the client stops reading for {@code edge.idle-timeout}: the same, but at once: an HTTP/1.1 connection is
 * closed with a TCP reset, dropping what is still queued for a reader that is not there (a graceful close
 * would wait for it to read the queue first, holding the socket and its megabytes);</li>
 * <li>the client goes away: the origin request is reset (its connection is half-read and cannot be reused);
 * normal traffic, logged at DEBUG.</li>
 * </ul>
 * Written by hand rather than with {@code pipeTo}, whose failure handling ends the client response cleanly.
 */
final class BodyStream {

    private static final Logger LOG = Logger.getLogger(BodyStream.class);

    /** What the exchange learns when the stream is over. */
    interface Outcome {
        void completed();

        void originBroke(long bytes, Throwable cause, boolean clientStalled);

        void clientLeft();
    }

    private final Vertx vertx;
    private final long idleTimeoutNanos;
    private final HttpClientResponse origin;
    private final HttpServerRequest incoming;
    private final HttpServerResponse client;
    private final boolean closeAtEnd;
    private final Outcome outcome;
    private long lastProgress;
    private long timer = -1;
    private long bytes;
    private boolean waitingForClient;
    private boolean originEnded;
    /** The last chunk's write: done once the kernel took it. */
    private Future<Void> lastWrite;
    private boolean over;
    /** The edge cache's copy of this body, or null. */
    private CacheFill fill;

    /** @param closeAtEnd the body has no length and the client speaks HTTP/1.0: its end is the connection's */
    BodyStream(Vertx vertx, long idleTimeoutNanos, HttpClientResponse origin, HttpServerRequest incoming,
            boolean closeAtEnd, Outcome outcome) {
        this.vertx = vertx;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.origin = origin;
        this.incoming = incoming;
        this.client = incoming.response();
        this.closeAtEnd = closeAtEnd;
        this.outcome = outcome;
    }

    /** Copies every chunk into {@code fill} too (before it goes to the client). */
    void copyTo(CacheFill fill) {
        this.fill = fill;
    }

    void start() {
        lastProgress = System.nanoTime();
        watchIdle(idleTimeoutNanos);
        client.drainHandler(ignored -> {
            lastProgress = System.nanoTime();
            waitingForClient = false;
            if (!over) {
                origin.resume();
            }
        });
        origin.handler(chunk -> {
            if (over || client.closed()) {
                return;
            }
            bytes += chunk.length();
            if (fill != null) {
                fill.add(chunk);
            }
            lastProgress = System.nanoTime();
            lastWrite = client.write(chunk);
            if (client.writeQueueFull()) {
                waitingForClient = true;
                origin.pause();
            }
        });
        origin.exceptionHandler(this::originBroke);
        origin.endHandler(ignored -> {
            originEnded = true;
            if (over) {
                return;
            }
            if (client.closed()) {
                clientGone();
            } else if (lastWrite == null || lastWrite.isComplete()) {
                ended();
            } else {
                // The response ends only once the kernel has its last bytes: Quarkus' graceful shutdown counts a
                // request as done when it ends, and closing the connection would drop what is still queued.
                // The idle timer keeps running: a client that stops reading now is still cut.
                waitingForClient = true;
                lastWrite.onComplete(written -> {
                    if (written.succeeded() && !over) {
                        ended();
                    } // a failed write closes the connection: clientGone() follows
                });
            }
        });
        origin.resume();
    }

    private void ended() {
        finish();
        if (closeAtEnd) {
            client.end().onComplete(ignored -> incoming.connection().close());
        } else {
            client.end();
        }
        outcome.completed();
    }

    /** The client connection closed (or its stream was reset) before the response ended. */
    void clientGone() {
        if (over) {
            return;
        }
        finish();
        if (!originEnded) {
            // The origin body is unfinished: close that connection. Once it has ended, the connection is back
            // in the pool serving someone else, and must not be touched.
            origin.request().reset();
        }
        LOG.debugf("Client went away after %d body bytes", bytes);
        outcome.clientLeft();
    }

    private void originBroke(Throwable cause) {
        broke(cause, false);
    }

    private void broke(Throwable cause, boolean clientStalled) {
        if (over) {
            return;
        }
        finish();
        if (!originEnded) {
            origin.request().reset();
        }
        if (clientStalled) {
            ClientConnections.abort(incoming);
        } else {
            client.reset(); // never end(): the client must see that the body is incomplete
        }
        outcome.originBroke(bytes, cause, clientStalled);
    }

    /** One timer per stream, re-armed for what is left of the window rather than on every chunk. */
    private void watchIdle(long delayNanos) {
        timer = vertx.setTimer(Math.max(1, delayNanos / 1_000_000), ignored -> {
            long idle = System.nanoTime() - lastProgress;
            if (over) {
                return;
            }
            if (idle >= idleTimeoutNanos) {
                broke(new StallException(idle / 1_000_000), waitingForClient);
            } else {
                watchIdle(idleTimeoutNanos - idle);
            }
        });
    }

    private void finish() {
        over = true;
        vertx.cancelTimer(timer);
    }

    /** No byte moved for edge.idle-timeout. */
    static final class StallException extends RuntimeException {
        StallException(long millis) {
            super("no progress for " + millis + " ms", null, false, false);
        }
    }
}
