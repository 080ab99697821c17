package dev.originedge.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PfxOptions;

/**
 * A real HTTP and HTTPS server (Vert.x) that records every request it receives: whether it came over TLS, the
 * TLS server name (SNI), method, request target and headers. It answers as a web app would (through a handler
 * the test resource gives), or relays the request untouched to a real upstream (an S3Proxy) chosen by its Host,
 * so that the upstream verifies exactly what the proxy signed.
 */
public final class RecordingOrigin implements AutoCloseable {

    /** One request as it arrived; header names lower case (first value each). */
    public record Seen(boolean tls, String sni, String method, String uri, Map<String, String> headers) {
        public String path() {
            int q = uri.indexOf('?');
            return q < 0 ? uri : uri.substring(0, q);
        }

        public String query() {
            int q = uri.indexOf('?');
            return q < 0 ? null : uri.substring(q + 1);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** An answer from the web-app side: status, content type and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer ok(String body) {
            return new Answer(200, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient relay = vertx.createHttpClient();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer plain;
    private final HttpServer secure;

    /**
     * @param upstream the port to relay a request with this Host to, or null to answer it with {@code app}
     * @param app      the web app's answers
     */
    public RecordingOrigin(TestCertificates certificates, Function<String, Integer> upstream,
            Function<Seen, Answer> app) throws Exception {
        plain = listen(new HttpServerOptions(), upstream, app);
        secure = listen(new HttpServerOptions().setSsl(true).setSni(true).setKeyCertOptions(new PfxOptions()
                .setPath(certificates.keyStore().toString()).setPassword(certificates.password())), upstream, app);
    }

    private HttpServer listen(HttpServerOptions options, Function<String, Integer> upstream,
            Function<Seen, Answer> app) throws Exception {
        return vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> handle(request, upstream, app))
                .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void handle(HttpServerRequest request, Function<String, Integer> upstream, Function<Seen, Answer> app) {
        Map<String, String> headers = new TreeMap<>();
        request.headers().forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        Seen one = new Seen(request.isSSL(), request.connection().indicatedServerName(), request.method().name(),
                request.uri(), headers);
        seen.add(one);
        String host = headers.getOrDefault("host", "");
        Integer port = upstream.apply(host.replaceFirst(":\\d+$", ""));
        if (port == null) {
            Answer answer = app.apply(one);
            request.response().setStatusCode(answer.status());
            answer.headers().forEach(request.response()::putHeader);
            request.response().end(answer.body());
            return;
        }
        request.pause();
        RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port)
                .setMethod(HttpMethod.valueOf(request.method().name())).setURI(request.uri());
        request.headers().forEach(e -> options.addHeader(e.getKey(), e.getValue()));
        relay.request(options).compose(out -> out.send(request).compose(in -> {
            request.response().setStatusCode(in.statusCode());
            in.headers().forEach(e -> {
                if (!e.getKey().equalsIgnoreCase("transfer-encoding") && !e.getKey().equalsIgnoreCase("connection")) {
                    request.response().headers().add(e.getKey(), e.getValue());
                }
            });
            return in.body();
        })).onComplete(body -> {
            if (body.succeeded()) {
                request.response().end(body.result());
            } else {
                request.response().setStatusCode(599).end("relay failed: " + body.cause());
            }
        });
    }

    public int port() {
        return plain.actualPort();
    }

    public int securePort() {
        return secure.actualPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The last request that matches, or an AssertionError naming what was seen. */
    public Seen last(Predicate<Seen> which) {
        List<Seen> all = seen();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (which.test(all.get(i))) {
                return all.get(i);
            }
        }
        throw new AssertionError("No such request reached the origin; it saw " + all);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
