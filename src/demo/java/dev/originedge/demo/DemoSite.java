package dev.originedge.demo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small website whose copies differ by region, so every response shows which origin served it. */
public final class DemoSite {

    public static final String BUCKET = "origin-edge-demo";

    private DemoSite() {
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
