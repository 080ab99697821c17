package dev.originedge.demo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small website whose copies differ by region, so every response shows which origin served it. */
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
                        : key.endsWith(".css") ? "text/css" : "text/plain; charset=UTF-8"));
    }

    public static Map<String, String> pages(String region) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("index.html", "<!doctype html>\n<html><head><title>Origin Edge demo</title>"
                + "<link rel=\"stylesheet\" href=\"/style.css\"></head>\n<body><h1>Hello from the " + region
                + " copy</h1>\n<p>Served by Origin Edge from the <b>" + region + "</b> bucket.</p></body></html>\n");
        pages.put("hello.txt", "hello from " + region + "\n");
        pages.put("style.css", "body { font-family: sans-serif; } /* " + region + " */\n");
        return pages;
    }
}
