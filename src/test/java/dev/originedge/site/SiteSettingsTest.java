package dev.originedge.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.originedge.config.EdgeConfig;
import dev.originedge.response.CachePolicy;
import dev.originedge.response.HeaderPolicy;
import dev.originedge.testing.Configs;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.MultiMap;

/** The site settings as the operator writes them: defaults, and refusals that name the property. */
class SiteSettingsTest {

    static EdgeConfig config(String... properties) {
        Map<String, String> map = new HashMap<>(Map.of("edge.origins.us.endpoint", "https://s3.amazonaws.com",
                "edge.origins.us.bucket", "b"));
        for (String p : properties) {
            map.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        return Configs.edge(map);
    }

    /** Builds every site bean, as the app does at start-up. */
    static void start(EdgeConfig config) {
        new SiteRules(config);
        new ErrorPages(config);
        new CachePolicy(config);
        new HeaderPolicy(config);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        EdgeConfig config = config();
        SiteRules site = new SiteRules(config);
        assertEquals("index.html", site.indexDocument());
        assertNull(site.fallbackDocument());
        assertTrue(site.probesDirectory("/docs", 404));
        assertTrue(site.probesDirectory("/docs", 403));
        assertNull(new ErrorPages(config).forStatus(404));
        HeaderPolicy headers = new HeaderPolicy(config);
        for (String name : List.of("x-amz-request-id", "x-amz-meta-owner", "x-bz-content-sha1", "x-goog-hash",
                "x-ms-blob-type", "x-oss-request-id", "x-guploader-uploadid", "server", "set-cookie")) {
            assertFalse(headers.passes(name), name);
        }
        for (String name : HeaderPolicy.PROTECTED) {
            assertTrue(headers.passes(name), name);
        }
        assertTrue(headers.passes("content-disposition"));
        assertTrue(headers.warnings().isEmpty(), headers.warnings().toString());
    }

    @Test
    void anEmptyIndexDocumentSwitchesIndexesAndRedirectsOff() {
        SiteRules site = new SiteRules(config("edge.site.index-document="));
        assertNull(site.indexDocument());
        assertFalse(site.probesDirectory("/docs", 404));
    }

    @Test
    void anEmptyStripListStripsNothingButTheCookie() {
        HeaderPolicy headers = new HeaderPolicy(config("edge.response.strip-headers="));
        assertTrue(headers.passes("x-amz-request-id"));
        assertFalse(headers.passes("set-cookie"));
        assertTrue(new HeaderPolicy(config("edge.response.keep-headers=set-cookie")).passes("set-cookie"));
    }

    @Test
    void theRedirectIsOnlyForMissingOrForbiddenPathsWithoutTrailingSlash() {
        SiteRules site = new SiteRules(config());
        assertFalse(site.probesDirectory("/docs/", 404));
        assertFalse(site.probesDirectory("/", 404));
        assertFalse(site.probesDirectory("/docs", 500));
        assertFalse(new SiteRules(config("edge.site.directory-redirect=false")).probesDirectory("/docs", 404));
    }

    @Test
    void theLocationKeepsTheQueryAndNeverLeavesTheSite() {
        assertEquals("/docs/?pop=AMS&x=1", SiteRules.location("/docs", "/docs", "pop=AMS&x=1"));
        assertEquals("/docs/", SiteRules.location("/docs", "/docs", null));
        assertEquals("/a%20b/", SiteRules.location("/a b", "/a%20b", ""));
        assertNull(SiteRules.location("//evil.example", "//evil.example", null));
        assertNull(SiteRules.location("///evil.example", "///evil.example", null));
        assertEquals("/%5Cevil.example/", SiteRules.location("/\\evil.example", "/%5Cevil.example", null));
        assertEquals("/%C3%BC/", SiteRules.location("/\u00c3\u00bc", "/%C3%BC", null), "raw bytes: the S3 escaping");
    }

    @Test
    void theFallbackIsForExtensionlessGetsAndHeads() {
        SiteRules site = new SiteRules(config("edge.site.fallback-document=/app.html"));
        assertEquals("app.html", site.fallbackDocument());
        assertTrue(site.fallsBack("GET", "/dashboard", 404));
        assertTrue(site.fallsBack("HEAD", "/users/42", 403));
        assertTrue(site.fallsBack("GET", "/app/", 404));
        assertTrue(site.fallsBack("GET", "/v1.2/settings", 404));
        assertFalse(site.fallsBack("GET", "/app.js", 404));
        assertFalse(site.fallsBack("GET", "/dashboard", 500));
    }

    @Test
    void cacheRulesApplyInOrder() {
        CachePolicy cache = new CachePolicy(config(
                "edge.cache.rules[0].path=/assets/**", "edge.cache.rules[0].cache-control=immutable",
                "edge.cache.rules[1].content-type=Image/", "edge.cache.rules[1].cache-control=max-age=60",
                "edge.cache.rules[1].surrogate-control=max-age=600",
                "edge.cache.rules[2].path=/404.html", "edge.cache.rules[2].cache-control=max-age=5",
                "edge.cache.rules[3].path=/docs/**", "edge.cache.rules[3].content-type=text/html",
                "edge.cache.rules[3].cache-control=no-cache", "edge.cache.rules[3].override=true"));
        MultiMap png = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "image/png");
        cache.stored("/assets/logo.png", png);
        assertEquals("immutable", png.get("cache-control"));
        assertNull(png.get("surrogate-control"), "only the first matching rule applies");
        MultiMap photo = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "image/png")
                .add("Cache-Control", "max-age=1");
        cache.stored("/img/photo.png", photo);
        assertEquals("max-age=1", photo.get("cache-control"), "the object's own header wins");
        assertEquals("max-age=600", photo.get("surrogate-control"));
        MultiMap docs = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/html; charset=utf-8")
                .add("Cache-Control", "max-age=1");
        cache.stored("/docs/a.html", docs);
        assertEquals("no-cache", docs.get("cache-control"), "override");
        MultiMap text = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain");
        cache.stored("/docs/a.txt", text);
        assertNull(text.get("cache-control"), "path and content-type must both match");

        MultiMap error = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/html");
        cache.error(null, error);
        assertEquals("no-store", error.get("cache-control"));
        MultiMap page = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/html");
        cache.error("/404.html", page);
        assertEquals("max-age=5", page.get("cache-control"));
        MultiMap image = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "image/png");
        cache.error("/errors/404.png", image);
        assertEquals("no-store", image.get("cache-control"), "content-type rules never apply to errors");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "edge.errors.\"40x\".body=<p>x</p>|edge.errors.\"40x\"",
            "edge.errors.\"200\".body=<p>x</p>|edge.errors.\"200\"",
            "edge.errors.\"600\".body=<p>x</p>|edge.errors.\"600\"",
            "edge.errors.\"404\".content-type=text/html|edge.errors.\"404\" has neither an object nor a body",
            "edge.errors.\"404\".object=errors/|edge.errors.\"404\".object",
            "edge.errors.\"404\".object=../404.html|edge.errors.\"404\".object",
            "edge.cache.rules[0].cache-control=max-age=1|edge.cache.rules[0] needs a path or a content-type",
            "edge.cache.rules[0].path=/a/***|edge.cache.rules[0].path is not a valid glob",
            "edge.cache.rules[0].path=assets/**|edge.cache.rules[0].path is not a valid glob",
            "edge.cache.rules[0].path=/a/{b,c|edge.cache.rules[0].path is not a valid glob",
            "edge.cache.rules[0].path=/a|edge.cache.rules[0] sets nothing",
            "edge.response.strip-headers=x amz|edge.response.strip-headers",
            "edge.response.keep-headers=x-amz-[meta|edge.response.keep-headers",
            "edge.response.add-headers.\"Bad Name\"=x|edge.response.add-headers",
            "edge.site.index-document=docs/index.html|edge.site.index-document",
            "edge.site.fallback-document=a/../app.html|edge.site.fallback-document" })
    void invalidSettingsStopTheStartNamingTheProperty(String setting, String expected) {
        EdgeConfig config = config(setting);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> start(config));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aStripPatternThatWouldStripACacheHeaderIsWarnedAboutAndIgnored() {
        HeaderPolicy headers = new HeaderPolicy(config("edge.response.strip-headers=x-amz-*,content-*,e*"));
        assertTrue(headers.passes("content-type"));
        assertTrue(headers.passes("etag"));
        assertFalse(headers.passes("content-disposition"));
        assertEquals(List.of(
                "edge.response.strip-headers: 'content-*' would strip content-encoding, content-length, content-range,"
                        + " content-type; those headers are never stripped",
                "edge.response.strip-headers: 'e*' would strip etag, expires; those headers are never stripped"),
                headers.warnings());
    }

    @Test
    void errorPagesByStatus() {
        ErrorPages pages = new ErrorPages(config("edge.errors.\"404\".object=/404.html",
                "edge.errors.503.body=<h1>Busy</h1>", "edge.errors.503.content-type=text/plain"));
        assertEquals("404.html", pages.forStatus(404).objectKey());
        assertNull(pages.forStatus(404).body());
        assertEquals("text/html;charset=utf-8", pages.forStatus(404).contentType());
        assertEquals("<h1>Busy</h1>", pages.forStatus(503).body().toString());
        assertEquals("text/plain", pages.forStatus(503).contentType());
        assertNull(pages.forStatus(500));
    }
}
