package dev.originedge.testing;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

/**
 * A private bucket as S3 serves it to a reader without {@code s3:ListBucket}: a missing key is a
 * {@code 403 AccessDenied}, not a {@code 404}, so that keys cannot be probed. In front of a real S3Proxy origin,
 * which checks every signature: requests pass unchanged (the {@code Host} they were signed for included), and
 * only a {@code 404} answer is turned into S3's {@code 403}.
 */
public final class PrivateBucket implements AutoCloseable {

    static final String ACCESS_DENIED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
            + "<Message>Access Denied</Message><RequestId>PRIVATE-REQUEST-ID</RequestId></Error>";

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client;
    private final HttpServer server;
    private final int targetPort;

    public PrivateBucket(int targetPort) throws Exception {
        this.targetPort = targetPort;
        this.client = vertx.createHttpClient();
        this.server = vertx.createHttpServer().requestHandler(this::forward).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    private void forward(HttpServerRequest in) {
        RequestOptions options = new RequestOptions().setMethod(in.method()).setHost("127.0.0.1")
                .setPort(targetPort).setURI(in.uri());
        in.headers().forEach(header -> options.addHeader(header.getKey(), header.getValue()));
        client.request(options).compose(request -> request.send()).onComplete(answer -> {
            if (answer.failed()) {
                in.response().setStatusCode(502).end();
                return;
            }
            var out = answer.result();
            if (out.statusCode() == 404) {
                out.body(); // read and dropped
                in.response().setStatusCode(403).putHeader("Content-Type", "application/xml")
                        .putHeader("x-amz-request-id", "PRIVATE-REQUEST-ID")
                        .end(in.method().name().equals("HEAD") ? "" : ACCESS_DENIED);
                return;
            }
            in.response().setStatusCode(out.statusCode());
            out.headers().forEach(header -> {
                String name = header.getKey();
                if (!name.equalsIgnoreCase("transfer-encoding") && !name.equalsIgnoreCase("connection")) {
                    in.response().headers().add(name, header.getValue());
                }
            });
            out.body().onComplete(body -> {
                if (body.failed()) {
                    in.response().reset();
                } else if (in.method().name().equals("HEAD")) {
                    in.response().end();
                } else {
                    in.response().end(body.result());
                }
            });
        });
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
