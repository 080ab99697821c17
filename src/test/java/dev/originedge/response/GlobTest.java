package dev.originedge.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/assets/**|/assets/app.js|true",
            "/assets/**|/assets/js/deep/app.js|true",
            "/assets/**|/assets/|true",
            "/assets/**|/assetsx/app.js|false",
            "/assets/*|/assets/app.js|true",
            "/assets/*|/assets/js/app.js|false",
            "/*.html|/index.html|true",
            "/*.html|/docs/index.html|false",
            "/**/*.html|/docs/index.html|true",
            "/**.html|/docs/index.html|true",
            "/img/?.png|/img/a.png|true",
            "/img/?.png|/img/ab.png|false",
            "/img/?.png|/img//.png|false",
            "/*.{css,js}|/site.css|true",
            "/*.{css,js}|/site.js|true",
            "/*.{css,js}|/site.map|false",
            "/v[0-9]/**|/v2/x|true",
            "/v[0-9]/**|/vx/x|false",
            "/v[!0-9]/**|/vx/x|true",
            "/v[!0-9]/**|/v1/x|false",
            "/exact.txt|/exact.txt|true",
            "/exact.txt|/exact.txt2|false",
            "/with space/*|/with space/index.html|true",
            "/a+b/(x).txt|/a+b/(x).txt|true",
            "/a+b/(x).txt|/aab/(x).txt|false",
            "/ünï/**|/ünï/x|true" })
    void pathGlobs(String glob, String path, boolean matches) {
        assertEquals(matches, Glob.path(glob).matches(path), glob + " ~ " + path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "x-amz-*|x-amz-request-id|true",
            "X-Amz-*|x-amz-request-id|true",
            "x-amz-*|x-amzn-trace|false",
            "server|server|true",
            "Server|server|true",
            "server|servers|false",
            "x-amz-meta-*|x-amz-meta-owner|true",
            "x-*-request-id|x-ms-request-id|true",
            "x-amz-?d-2|x-amz-id-2|true",
            "x-{goog,guploader}-*|x-guploader-uploadid|true" })
    void headerGlobsIgnoreCase(String glob, String name, boolean matches) {
        assertEquals(matches, Glob.header(glob).matches(name), glob + " ~ " + name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "assets/**", "/a/***", "/v[0-9/x", "/v]x", "/a{b,c", "/a}b", "/a{b,{c,d}}", "/[]" })
    void invalidPathGlobsAreRefusedWithTheReason(String glob) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Glob.path(glob));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(glob), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "x amz", "x-amz-*:", "", "x/y", "é" })
    void invalidHeaderPatternsAreRefused(String glob) {
        assertThrows(IllegalArgumentException.class, () -> Glob.header(glob));
    }
}
