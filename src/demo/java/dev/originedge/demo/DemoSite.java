package dev.originedge.demo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small website whose copies differ by region, so every response shows which origin served it: pages, a docs
 * directory (index documents and the directory redirect), a custom 404 page, a single-page app with client-side
 * routes, and assets that caches may keep for a year.
 */
public final class DemoSite {

    public static final String BUCKET = "origin-edge-demo";
    /** Where {@code ./mvnw -Pdemo quarkus:dev} starts its origins. */
    public static final int US_PORT = 9001;
    public static final int EU_PORT = 9002;
    public static final String US_KEY = "DEMO-US-KEY-ID";
    public static final String US_SECRET = "demo-us-secret";
    public static final String EU_KEY = "DEMO-EU-KEY-ID";
    public static final String EU_SECRET = "demo-eu-secret";

    private DemoSite() {
    }

    /** Starts the demo's two origins ("us" and "eu", each with its own credentials) and seeds them. */
    public static S3Origin[] start(int usPort, int euPort) throws Exception {
        S3Origin us = new S3Origin(usPort, US_KEY, US_SECRET, null).start();
        S3Origin eu = new S3Origin(euPort, EU_KEY, EU_SECRET, null).start();
        seed(us, "us");
        seed(eu, "eu");
        return new S3Origin[] { us, eu };
    }

    /** The proxy configuration for the demo origins: the one place it is written down. */
    public static Map<String, String> config(int usPort, int euPort) {
        Map<String, String> config = new LinkedHashMap<>();
        origin(config, "us", usPort, "us-west-004", US_KEY, US_SECRET);
        origin(config, "eu", euPort, "eu-central-003", EU_KEY, EU_SECRET);
        return config;
    }

    /**
     * The static-site settings the demo shows (README, "Static sites"): kept apart from {@link #config}, which the
     * benchmarks reuse for a plain proxy.
     */
    public static Map<String, String> siteConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edge.site.fallback-document", "app/index.html");
        config.put("edge.errors.\"404\".object", "404.html");
        config.put("edge.errors.\"404\".body", "<h1>Not found</h1>");
        config.put("edge.errors.\"502\".body", "<h1>The origin cannot be reached</h1>");
        config.put("edge.errors.\"504\".body", "<h1>The origin is too slow</h1>");
        config.put("edge.cache.rules[0].path", "/assets/**");
        config.put("edge.cache.rules[0].cache-control", "public, max-age=31536000, immutable");
        config.put("edge.cache.rules[1].content-type", "text/html");
        config.put("edge.cache.rules[1].cache-control", "public, max-age=60");
        config.put("edge.cache.rules[1].surrogate-control", "max-age=86400");
        config.put("edge.response.add-headers.X-Content-Type-Options", "nosniff");
        config.put("quarkus.http.cors.enabled", "true");
        config.put("quarkus.http.cors.origins", "*");
        config.put("quarkus.http.cors.methods", "GET,HEAD");
        config.put("quarkus.http.cors.exposed-headers", "X-B2-Host");
        return config;
    }

    private static void origin(Map<String, String> config, String name, int port, String region, String key,
            String secret) {
        String prefix = "edge.origins." + name + ".";
        config.put(prefix + "endpoint", "http://127.0.0.1:" + port);
        config.put(prefix + "bucket", BUCKET);
        config.put(prefix + "addressing", "path");
        config.put(prefix + "region", region);
        config.put(prefix + "access-key-id", key);
        config.put(prefix + "secret-access-key", secret);
    }

    public static void seed(S3Origin origin, String region) {
        origin.bucket(BUCKET);
        pages(region).forEach((key, body) -> origin.put(BUCKET, key, body.getBytes(StandardCharsets.UTF_8),
                key.endsWith(".html") ? "text/html; charset=UTF-8"
                        : key.endsWith(".css") ? "text/css"
                        : key.endsWith(".js") ? "text/javascript"
                        : key.endsWith(".svg") ? "image/svg+xml" : "text/plain; charset=UTF-8"));
    }

    private static String page(String title, String region, String body) {
        return "<!doctype html>\n<html><head><title>" + title + "</title>"
                + "<link rel=\"stylesheet\" href=\"/style.css\"></head>\n<body>" + body
                + "\n<p><small>Served from the <b>" + region + "</b> bucket.</small></p></body></html>\n";
    }

    public static Map<String, String> pages(String region) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("index.html", "<!doctype html>\n<html><head><title>Origin Edge demo</title>"
                + "<link rel=\"stylesheet\" href=\"/style.css\"></head>\n<body><h1>Hello from the " + region
                + " copy</h1>\n<p>Served by Origin Edge from the <b>" + region + "</b> bucket.</p>\n"
                + "<ul><li><a href=\"/docs\">/docs</a> (a directory: redirected to /docs/)</li>"
                + "<li><a href=\"/app/settings\">/app/settings</a> (a route of the single-page app)</li>"
                + "<li><a href=\"/missing.html\">/missing.html</a> (the custom 404 page)</li></ul></body></html>\n");
        pages.put("hello.txt", "hello from " + region + "\n");
        pages.put("style.css", "body { font-family: sans-serif; } /* " + region + " */\n");
        pages.put("docs/index.html", page("Docs", region, "<h1>Docs</h1>\n<p>This is docs/index.html; see the "
                + "<a href=\"guide/\">guide</a>.</p>"));
        pages.put("docs/guide/index.html", page("Guide", region, "<h1>Guide</h1>\n<p>docs/guide/index.html</p>"));
        pages.put("404.html", page("Not found", region, "<h1>404: no such page</h1>\n<p>This is the bucket's "
                + "404.html, served with status 404. Try <a href=\"/\">the home page</a>.</p>"));
        pages.put("app/index.html", page("App", region, "<h1>The app</h1>\n<div id=\"app\"></div>\n"
                + "<script src=\"/assets/app.js\"></script>"));
        pages.put("assets/app.js", "document.getElementById('app').textContent = 'route: ' + location.pathname;"
                + " // " + region + "\n");
        pages.put("assets/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                + "<rect width=\"10\" height=\"10\"/></svg>\n");
        return pages;
    }
}
