package dev.originedge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.originedge.origin.OriginAccess;
import dev.originedge.origin.Origin;
import dev.originedge.origin.OriginRequest;
import dev.originedge.testing.Configs;
import dev.originedge.testing.FaultOrigin;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;

/** The origin client on its own, against a raw origin: the pool's bounds and the header timeout. */
class OriginClientTest {

    private Vertx vertx;
    private FaultOrigin origin;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        origin = new FaultOrigin();
    }

    @AfterEach
    void stop() throws Exception {
        origin.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private OriginClient client(String maxConnections, String maxWaiting) {
        return new OriginClient(vertx, Configs.edge(Map.of("edge.origins.o.endpoint", "http://127.0.0.1:1",
                "edge.origins.o.bucket", "b", "edge.pool.max-connections", maxConnections,
                "edge.pool.max-waiting", maxWaiting, "edge.origin-timeout", "1s")));
    }

    private OriginRequest request(String path) {
        Origin o = new Origin("o", false, "127.0.0.1:" + origin.port(), "", "us-east-1", new OriginAccess.Open(),
                "127.0.0.1", origin.port());
        return new OriginRequest(o, "GET", path, Map.of("host", o.hostHeader()));
    }

    private static CompletableFuture<AsyncResult<HttpClientResponse>> send(OriginClient client, OriginRequest r) {
        CompletableFuture<AsyncResult<HttpClientResponse>> result = new CompletableFuture<>();
        client.send(r, 1000, result::complete);
        return result;
    }

    @Test
    void aFullWaitQueueIsAClearBusyFailureAtOnce() throws Exception {
        OriginClient client = client("1", "1");
        int seen = origin.requests();
        var holding = send(client, request("/hold"));
        while (origin.requests() == seen) {
            Thread.sleep(10); // the one connection is in use
        }
        var waiting = send(client, request("/ok"));
        Thread.sleep(100);
        long started = System.nanoTime();
        var refused = send(client, request("/ok")).get(5, TimeUnit.SECONDS);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 500, "at once, not after a timeout");
        OriginException e = assertInstanceOf(OriginException.class, refused.cause());
        assertEquals(OriginException.Kind.BUSY, e.kind());
        assertEquals(503, e.status());
        // The holder times out (edge.origin-timeout, 504); the one that waited then gets the connection.
        assertEquals(504, ((OriginException) holding.get(5, TimeUnit.SECONDS).cause()).status());
        var waited = waiting.get(5, TimeUnit.SECONDS);
        assertTrue(waited.succeeded(), String.valueOf(waited.cause()));
        assertEquals(200, waited.result().statusCode());
    }

    @Test
    void aCancelledRequestFreesItsConnectionAtOnce() throws Exception {
        OriginClient client = client("1", "5");
        int before = origin.abandoned();
        Runnable cancel = client.send(request("/hold"), 1000, ignored -> {
        });
        Thread.sleep(200);
        cancel.run();
        var next = send(client, request("/ok")).get(5, TimeUnit.SECONDS);
        assertTrue(next.succeeded(), "the only pooled connection was given back: " + next.cause());
        assertEquals(200, next.result().statusCode());
        Thread.sleep(200);
        assertEquals(before + 1, origin.abandoned(), "the origin saw the cancelled request's connection close");
    }

    @Test
    void aRequestCancelledWhileWaitingForAConnectionGivesItBackWithoutAnError() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            OriginClient client = client("1", "5");
            int seen = origin.requests();
            var holding = send(client, request("/hold"));
            while (origin.requests() == seen) {
                Thread.sleep(10); // the one connection is in use
            }
            // The client of the second request goes away while it waits for the pool.
            Runnable cancel = client.send(request("/ok"), 1000, ignored -> {
                throw new AssertionError("a cancelled request must not be answered");
            });
            Thread.sleep(100);
            cancel.run();
            // The holder times out (504); the connection it frees goes to the cancelled waiter, which gives it back.
            assertEquals(504, ((OriginException) holding.get(5, TimeUnit.SECONDS).cause()).status());
            var next = send(client, request("/ok")).get(5, TimeUnit.SECONDS);
            assertTrue(next.succeeded(), String.valueOf(next.cause()));
            assertEquals(200, next.result().statusCode());
            Thread.sleep(200);
            assertEquals(List.of(), errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(),
                    "a client that went away is normal traffic: no ERROR");
        } finally {
            root.removeHandler(capture);
        }
    }
}
