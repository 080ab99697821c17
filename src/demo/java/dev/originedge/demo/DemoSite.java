package dev.originedge.demo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small website whose copies differ by region, so every response shows which origin served it. */
public final class DemoSite {

    public static final String BUCKET = "origin-edge-demo";
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

    /** The proxy configuration for the demo origins, as properties. */
    public static String config(int usPort, int euPort) {
        return String.join("\n",
                "edge.origins.us.endpoint=http://127.0.0.1:" + usPort,
                "edge.origins.us.bucket=" + BUCKET,
                "edge.origins.us.addressing=path",
                "edge.origins.us.region=us-west-004",
                "edge.origins.us.access-key-id=" + US_KEY,
                "edge.origins.us.secret-access-key=" + US_SECRET,
                "edge.origins.eu.endpoint=http://127.0.0.1:" + euPort,
                "edge.origins.eu.bucket=" + BUCKET,
                "edge.origins.eu.addressing=path",
                "edge.origins.eu.region=eu-central-003",
                "edge.origins.eu.access-key-id=" + EU_KEY,
                "edge.origins.eu.secret-access-key=" + EU_SECRET) + "\n";
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
