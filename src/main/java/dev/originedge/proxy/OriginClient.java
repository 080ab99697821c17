package dev.originedge.proxy;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.originedge.config.EdgeConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Sends origin requests with a non-blocking Vert.x client and hands back the response paused, so that its
 * body flows only as fast as the client reads it. Connects to the origin's address (or {@code connect-to})
 * and nowhere else.
 */
@Startup // built before the first request, which is the one a cold start is judged by
@ApplicationScoped
public class OriginClient {

    private static final Logger LOG = Logger.getLogger(OriginClient.class);

    private final HttpClient client;
    private final Duration timeout;

    @Inject
    public OriginClient(Vertx vertx, EdgeConfig config) {
        this.timeout = config.originTimeout();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(256) // per origin: a long download holds its connection; do not queue behind it
                .setDecompressionSupported(false) // pass Content-Encoding through untouched
                .setForceSni(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    /** The origin's response headers, or an {@link OriginException} (502 unreachable, 504 too slow). */
    public Uni<HttpClientResponse> send(OriginRequest request) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setServer(SocketAddress.inetSocketAddress(request.origin().connectPort(), request.origin().connectHost()))
                .setHost(request.origin().serverName())
                .setPort(request.origin().hostPort())
                .setSsl(request.origin().tls())
                .setURI(request.path())
                // After the headers, a body that stalls this long is cut rather than held forever.
                .setIdleTimeout(timeout.toMillis());
        request.headers().forEach(options::putHeader);

        return Uni.createFrom().<HttpClientResponse> emitter(emitter -> client.request(options)
                .compose(req -> {
                    emitter.onTermination(() -> {
                        if (!req.response().isComplete()) {
                            req.reset(); // timed out or cancelled: free the connection
                        }
                    });
                    return req.send();
                })
                .onSuccess(response -> {
                    response.pause();
                    emitter.complete(response);
                })
                .onFailure(emitter::fail))
                .ifNoItem().after(timeout).failWith(() -> OriginException.timedOut(request))
                .onFailure(f -> !(f instanceof OriginException)).transform(f -> {
                    LOG.debugf("origin %s failed: %s", request.origin().name(), f.toString());
                    return OriginException.unreachable(request, f);
                });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
