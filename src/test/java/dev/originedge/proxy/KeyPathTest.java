package dev.originedge.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyPathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/hello.txt|hello.txt|/hello.txt",
            "/a b.txt|a b.txt|/a%20b.txt",
            "/a%20b.txt|a b.txt|/a%20b.txt",
            "/a+b.txt|a+b.txt|/a%2Bb.txt",
            "/a%2Bb.txt|a+b.txt|/a%2Bb.txt",
            "/100%25.txt|100%.txt|/100%25.txt",
            "/(x)'=@!*$&,;:.txt|(x)'=@!*$&,;:.txt|/%28x%29%27%3D%40%21%2A%24%26%2C%3B%3A.txt",
            "/t~i-l_d.e|t~i-l_d.e|/t~i-l_d.e",
            "/%7E.txt|~.txt|/~.txt",
            "/dir/a..b/c|dir/a..b/c|/dir/a..b/c",
            "/d%2Fk|d/k|/d/k",
            "/semi;.txt|semi;.txt|/semi%3B.txt",
            "/a..;b|a..;b|/a..%3Bb",
            "/a%5Cb.txt|a\\b.txt|/a%5Cb.txt",
            "/%E6%97%A5.txt|日.txt|/%E6%97%A5.txt",
            "/|index.html|/index.html",
            "/docs/|docs/index.html|/docs/index.html" })
    void keysAreDecodedOnceAndEncodedAsS3CanonicalisesThem(String raw, String key, String encoded) {
        KeyPath path = KeyPath.parse(raw);
        assertEquals(key, path.key());
        assertEquals(encoded, path.encoded());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/../x", "/a/../../x", "/%2e%2e/x", "/%2E%2e%2Fx", "/./x", "/x/.", "/x/..", "/.%2E/x",
            "/a%2F..%2Fb", "", "x", "/%", "/%4", "/%zz", "/%C3%28", "/%FF", "/..;/admin", "/a/.;x/b", "/..%3Bx/b",
            "/..%5Cadmin", "/%2e%2e%5cadmin", "/a%5C..%5Cb", "/a\\..\\b", "/.%5Cx", "/..;x%5Cy" })
    void escapesAndMalformedPathsAreRefused(String raw) {
        assertThrows(BadRequestPathException.class, () -> KeyPath.parse(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/|",
            "/docs/|docs/",
            "/a%20b/|a b/" })
    void withoutAnIndexDocumentAPathEndingInSlashIsADirectoryNeverSent(String raw, String key) {
        KeyPath path = KeyPath.parse(raw, null);
        assertEquals(key == null ? "" : key, path.key());
        org.junit.jupiter.api.Assertions.assertTrue(path.directory());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/docs|docs/index.html|/docs/index.html",
            "/a%20b|a b/index.html|/a%20b/index.html",
            "/plus+dir|plus+dir/index.html|/plus%2Bdir/index.html",
            "/100%25|100%/index.html|/100%25/index.html",
            "/%C3%BC|ü/index.html|/%C3%BC/index.html" })
    void theIndexBelowAPathIsItsDirectorysIndexDocument(String raw, String key, String encoded) {
        KeyPath index = KeyPath.parse(raw).indexBelow("index.html");
        assertEquals(key, index.key());
        assertEquals(encoded, index.encoded());
    }

    @Test
    void aConfiguredKeyIsTakenAsIsNotDecoded() {
        KeyPath page = KeyPath.ofKey("errors/100%.html");
        assertEquals("errors/100%.html", page.key());
        assertEquals("/errors/100%25.html", page.encoded());
    }

    @Test
    void theDecodedRequestPathIsKeptForRules() {
        assertEquals("/a b/", KeyPath.parse("/a%20b/").path());
        assertEquals("a b/index.html", KeyPath.parse("/a%20b/").key());
    }
}
