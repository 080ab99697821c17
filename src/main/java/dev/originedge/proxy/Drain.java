package dev.originedge.proxy;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.originedge.config.EdgeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * Reads an origin body nobody gets (an error's, a redirect's, a probe's), so that its connection goes back to
 * the pool, and never for longer than {@code edge.idle-timeout} without progress: an origin that sends a head
 * and then stalls would otherwise pin a pooled connection for good. A stalled one is reset (closed).
 */
@ApplicationScoped
public class Drain {

    private final Vertx vertx;
    private final long idleTimeoutNanos;

    @Inject
    public Drain(Vertx vertx, EdgeConfig config) {
        this.vertx = vertx;
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
    }

    /** Drops the body. */
    public void discard(HttpClientResponse response) {
        read(response, 0, null);
    }

    /**
     * Keeps up to {@code keep} bytes of the body's start for {@code ended} (called only when the body ended
     * cleanly) and drops the rest.
     */
    public void read(HttpClientResponse response, int keep, Consumer<Buffer> ended) {
        new Reader(response, keep, ended).start();
    }

    private final class Reader {
        private final HttpClientResponse response;
        private final int keep;
        private final Consumer<Buffer> ended;
        private final Buffer head = Buffer.buffer();
        private long lastProgress = System.nanoTime();
        private long timer;
        private boolean over;

        Reader(HttpClientResponse response, int keep, Consumer<Buffer> ended) {
            this.response = response;
            this.keep = keep;
            this.ended = ended;
        }

        void start() {
            response.handler(chunk -> {
                lastProgress = System.nanoTime();
                if (head.length() < keep) {
                    head.appendBuffer(chunk, 0, Math.min(chunk.length(), keep - head.length()));
                }
            });
            response.exceptionHandler(ignored -> stop()); // a broken body nobody gets changes nothing
            response.endHandler(ignored -> {
                stop();
                if (ended != null) {
                    ended.accept(head);
                }
            });
            watch(idleTimeoutNanos);
            response.resume();
        }

        private void watch(long delayNanos) {
            timer = vertx.setTimer(Math.max(1, delayNanos / 1_000_000), ignored -> {
                if (over) {
                    return;
                }
                long idle = System.nanoTime() - lastProgress;
                if (idle >= idleTimeoutNanos) {
                    stop();
                    response.request().reset(); // half-read: this connection cannot be reused
                } else {
                    watch(idleTimeoutNanos - idle);
                }
            });
        }

        private void stop() {
            over = true;
            vertx.cancelTimer(timer);
        }
    }
}
