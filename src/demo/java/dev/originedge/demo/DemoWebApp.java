package dev.originedge.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.originedge.edgeauth.EdgeAuthVerifier;

/**
 * The demo's web origin ({@code provider=http}): the JDK's own HTTP server, answering only requests that carry a
 * valid edge-auth signature, checked with {@link EdgeAuthVerifier} exactly as README "Edge-auth" shows an origin
 * doing it. Asked directly, it says why it refuses.
 */
public final class DemoWebApp implements AutoCloseable {

    /** Where {@code ./mvnw -Pdemo quarkus:dev} starts it. */
    public static final int PORT = 9003;
    /** The POP the demo maps to it ({@code ?pop=WEB}). */
    public static final String POP = "WEB";
    static final String SECRET = "demo-edge-auth-secret";

    private final HttpServer server;

    private DemoWebApp(HttpServer server) {
        this.server = server;
    }

    public static DemoWebApp start(int port) throws IOException {
        EdgeAuthVerifier verifier = new EdgeAuthVerifier(SECRET, Duration.ofSeconds(60));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> answer(exchange, verifier.verify(
                exchange.getRequestHeaders().getFirst(EdgeAuthVerifier.DEFAULT_HEADER))));
        server.start();
        return new DemoWebApp(server);
    }

    private static void answer(HttpExchange exchange, EdgeAuthVerifier.Result auth) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String text = auth.valid()
                ? "Hello from the web app: " + exchange.getRequestURI().getRawPath()
                        + (query == null ? "" : "?" + query) + " came through the edge at POP " + auth.pop() + "\n"
                : "Not through the edge (edge-auth " + auth.status() + ")\n";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(auth.valid() ? 200 : 403, "HEAD".equals(exchange.getRequestMethod()) ? -1
                : body.length);
        if (!"HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The proxy configuration for it: a web origin with edge-auth signatures, its query forwarded. */
    public static Map<String, String> config(int port) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edge.origins.web.provider", "http");
        config.put("edge.origins.web.endpoint", "http://127.0.0.1:" + port);
        config.put("edge.origins.web.forward-query", "true");
        config.put("edge.origins.web.edge-auth.mode", "signature");
        config.put("edge.origins.web.edge-auth.secret", SECRET);
        config.put("edge.pops." + POP, "web");
        return config;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
