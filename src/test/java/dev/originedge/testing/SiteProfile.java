package dev.originedge.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A static website with everything switched on (one more app configuration, so one more restart): the
 * single-page-app fallback, error pages as objects and inline, cache rules of each kind, kept and added headers,
 * and Quarkus' CORS filter for one allowed origin.
 */
public class SiteProfile implements QuarkusTestProfile {

    public static final String CORS_ORIGIN = "https://app.example.test";
    public static final String HSTS = "max-age=63072000";
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    public static final String INLINE_404 = "<h1>Not here</h1>";
    public static final String PROBLEM_416 = "{\"status\":416,\"title\":\"Range not satisfiable\"}";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("edge.site.fallback-document", "app.html"),
                Map.entry("edge.errors.\"404\".object", "404.html"),
                Map.entry("edge.errors.\"404\".body", INLINE_404),
                Map.entry("edge.errors.\"403\".object", "/403.html"),
                Map.entry("edge.errors.\"416\".body", PROBLEM_416),
                Map.entry("edge.errors.\"416\".content-type", "application/problem+json"),
                Map.entry("edge.errors.\"502\".body", "<h1>Origin down</h1>"),
                // An error page as big as the app's heap in the ITs: it can only get through if it streams.
                Map.entry("edge.errors.\"412\".object", TestSite.BIG_KEY),
                Map.entry("edge.errors.\"503\".object", "503.html"),
                Map.entry("edge.errors.\"503\".body", "<h1>Busy</h1>"),
                Map.entry("edge.errors.\"504\".object", "404.html"),
                Map.entry("edge.errors.\"504\".body", "<h1>Too slow</h1>"),
                Map.entry("edge.cache.rules[0].path", "/assets/**"),
                Map.entry("edge.cache.rules[0].cache-control", IMMUTABLE),
                Map.entry("edge.cache.rules[1].content-type", "image/"),
                Map.entry("edge.cache.rules[1].cache-control", "public, max-age=86400"),
                Map.entry("edge.cache.rules[2].path", "/cached.txt"),
                Map.entry("edge.cache.rules[2].cache-control", "max-age=5"),
                Map.entry("edge.cache.rules[2].surrogate-control", "max-age=600"),
                Map.entry("edge.cache.rules[3].path", "/forced.txt"),
                Map.entry("edge.cache.rules[3].cache-control", "max-age=5"),
                Map.entry("edge.cache.rules[3].override", "true"),
                Map.entry("edge.cache.rules[4].path", "/404.html"),
                Map.entry("edge.cache.rules[4].cache-control", "max-age=30"),
                Map.entry("edge.cache.rules[5].path", "/v1.2"),
                Map.entry("edge.cache.rules[5].cache-control", "max-age=3600"),
                Map.entry("edge.cache.rules[6].content-type", "text/html"),
                Map.entry("edge.cache.rules[6].cache-control", "no-cache"),
                Map.entry("edge.cache.rules[6].surrogate-control", "max-age=86400"),
                Map.entry("edge.response.keep-headers", "x-amz-meta-*,X-Amz-Version-Id"),
                Map.entry("edge.response.add-headers.Strict-Transport-Security", HSTS),
                Map.entry("edge.response.add-headers.X-Content-Type-Options", "nosniff"),
                Map.entry("quarkus.http.cors.enabled", "true"),
                Map.entry("quarkus.http.cors.origins", CORS_ORIGIN),
                Map.entry("quarkus.http.cors.methods", "GET,HEAD"),
                Map.entry("quarkus.http.cors.exposed-headers", "X-B2-Host"));
    }
}
